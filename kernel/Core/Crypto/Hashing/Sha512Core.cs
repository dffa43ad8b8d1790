using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// The SHA-512 family engine (FIPS 180-4 §6.4), shared by <see cref="Sha384"/> and
/// <see cref="Sha512"/>, which differ only in initial value and output length (§5.3.4, §5.3.5).
/// Constant-time in the message contents.
/// </summary>
internal struct Sha512Core
{
    private ulong _a, _b, _c, _d, _e, _f, _g, _h;
    private HashBlock128 _buffer;
    private int _buffered;
    private ulong _length; // bytes; messages ≥ 2^61 bytes are not supported (length's high word stays 0)

    public void Reset(bool sha384)
    {
        if (sha384)
        {
            _a = 0xcbbb9d5dc1059ed8; _b = 0x629a292a367cd507; _c = 0x9159015a3070dd17; _d = 0x152fecd8f70e5939;
            _e = 0x67332667ffc00b31; _f = 0x8eb44a8768581511; _g = 0xdb0c2e0d64f98fa7; _h = 0x47b5481dbefa4fa4;
        }
        else
        {
            _a = 0x6a09e667f3bcc908; _b = 0xbb67ae8584caa73b; _c = 0x3c6ef372fe94f82b; _d = 0xa54ff53a5f1d36f1;
            _e = 0x510e527fade682d1; _f = 0x9b05688c2b3e6c1f; _g = 0x1f83d9abfb41bd6b; _h = 0x5be0cd19137e2179;
        }

        _buffered = 0;
        _length = 0;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        Span<byte> buffer = HashBlock128.AsSpan(ref _buffer);
        if (_buffered > 0)
        {
            int take = Math.Min(128 - _buffered, data.Length);
            data.Slice(0, take).CopyTo(buffer.Slice(_buffered));
            _buffered += take;
            data = data.Slice(take);
            if (_buffered < 128)
            {
                return;
            }

            Compress(ref this, buffer);
            _buffered = 0;
        }

        int whole = data.Length & ~127;
        if (whole > 0)
        {
            Compress(ref this, data.Slice(0, whole));
            data = data.Slice(whole);
        }

        data.CopyTo(buffer);
        _buffered = data.Length;
    }

    /// <summary>Pads and writes the first <paramref name="outputLength"/> bytes of the state.</summary>
    public void Finish(Span<byte> destination, int outputLength)
    {
        if (destination.Length < outputLength)
        {
            throw new ArgumentException("destination shorter than the digest", nameof(destination));
        }

        // FIPS 180-4 §5.1.2: 0x80, zeros, 128-bit big-endian bit length.
        Span<byte> buffer = HashBlock128.AsSpan(ref _buffer);
        buffer[_buffered++] = 0x80;
        if (_buffered > 112)
        {
            buffer.Slice(_buffered).Clear();
            Compress(ref this, buffer);
            _buffered = 0;
        }

        buffer.Slice(_buffered, 128 - _buffered).Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(112), _length >> 61);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(120), _length << 3);
        Compress(ref this, buffer);

        Span<byte> full = stackalloc byte[64];
        BinaryPrimitives.WriteUInt64BigEndian(full, _a);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(8), _b);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(16), _c);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(24), _d);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(32), _e);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(40), _f);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(48), _g);
        BinaryPrimitives.WriteUInt64BigEndian(full.Slice(56), _h);
        full.Slice(0, outputLength).CopyTo(destination);
        full.Clear();
        buffer.Clear();
    }

    public void Clear()
    {
        HashBlock128.AsSpan(ref _buffer).Clear();
        _a = _b = _c = _d = _e = _f = _g = _h = 0;
        _buffered = 0;
        _length = 0;
    }

    // FIPS 180-4 §4.2.3.
    private static readonly ulong[] K =
    {
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
        0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
        0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
        0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
        0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
        0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
        0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
        0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
        0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
        0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Ror(ulong x, int n) => (x >> n) | (x << (64 - n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ulong a, ulong b, ulong c, ref ulong d, ulong e, ulong f, ulong g, ref ulong h, ulong kw)
    {
        // Off-critical-path terms (h, K+W) are summed first so e -> t1 -> d is short.
        ulong t1 = (h + kw) + ((Ror(e, 14) ^ Ror(e, 18) ^ Ror(e, 41)) + (g ^ (e & (f ^ g))));
        d += t1;
        h = t1 + ((Ror(a, 28) ^ Ror(a, 34) ^ Ror(a, 39)) + ((a & b) | (c & (a | b))));
    }

    /// <summary>Processes whole 128-byte blocks (FIPS 180-4 §6.4.2).</summary>
    private static unsafe void Compress(ref Sha512Core s, ReadOnlySpan<byte> blocks)
    {
        ulong a = s._a, b = s._b, c = s._c, d = s._d, e = s._e, f = s._f, g = s._g, h = s._h;
        ulong* w = stackalloc ulong[80];
        // SAFETY: blocks and K are pinned; accesses stay within whole 128-byte blocks of the
        // input (loop bound) and within [0, 80) for w and K.
        fixed (byte* input = blocks)
        fixed (ulong* k = K)
        {
            for (int offset = 0; offset + 128 <= blocks.Length; offset += 128)
            {
                byte* p = input + offset;
                for (int i = 0; i < 16; i++)
                {
                    w[i] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(p + 8 * i));
                }

                for (int i = 16; i < 80; i++)
                {
                    ulong x = w[i - 15], y = w[i - 2];
                    w[i] = (Ror(y, 19) ^ Ror(y, 61) ^ (y >> 6)) + w[i - 7] + (Ror(x, 1) ^ Ror(x, 8) ^ (x >> 7)) + w[i - 16];
                }

                ulong a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h;
                for (int i = 0; i < 80; i += 8)
                {
                    Round(a, b, c, ref d, e, f, g, ref h, k[i] + w[i]);
                    Round(h, a, b, ref c, d, e, f, ref g, k[i + 1] + w[i + 1]);
                    Round(g, h, a, ref b, c, d, e, ref f, k[i + 2] + w[i + 2]);
                    Round(f, g, h, ref a, b, c, d, ref e, k[i + 3] + w[i + 3]);
                    Round(e, f, g, ref h, a, b, c, ref d, k[i + 4] + w[i + 4]);
                    Round(d, e, f, ref g, h, a, b, ref c, k[i + 5] + w[i + 5]);
                    Round(c, d, e, ref f, g, h, a, ref b, k[i + 6] + w[i + 6]);
                    Round(b, c, d, ref e, f, g, h, ref a, k[i + 7] + w[i + 7]);
                }

                a += a0; b += b0; c += c0; d += d0; e += e0; f += f0; g += g0; h += h0;
            }
        }

        s._a = a; s._b = b; s._c = c; s._d = d; s._e = e; s._f = f; s._g = g; s._h = h;
    }
}
