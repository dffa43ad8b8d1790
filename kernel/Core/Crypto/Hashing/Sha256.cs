using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4 §6.2) as an incremental hasher with inline state. Constant-time with
/// respect to the message contents: no data-dependent branches or table indexes.
/// </summary>
public struct Sha256 : IHashFunction
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Block size in bytes.</summary>
    public const int BlockSize = 64;

    private uint _a, _b, _c, _d, _e, _f, _g, _h;
    private HashBlock64 _buffer;
    private int _buffered;
    private ulong _length;

    /// <inheritdoc/>
    public readonly int HashSizeInBytes => HashSize;

    /// <inheritdoc/>
    public readonly int BlockSizeInBytes => BlockSize;

    /// <summary>A ready-to-use hasher.</summary>
    public static Sha256 Create()
    {
        Sha256 h = default;
        h.Reset();
        return h;
    }

    /// <summary>One-shot SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (≥ 32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Sha256 h = Create();
        h.Append(data);
        h.Finish(destination);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        // FIPS 180-4 §5.3.3.
        _a = 0x6a09e667; _b = 0xbb67ae85; _c = 0x3c6ef372; _d = 0xa54ff53a;
        _e = 0x510e527f; _f = 0x9b05688c; _g = 0x1f83d9ab; _h = 0x5be0cd19;
        _buffered = 0;
        _length = 0;
    }

    /// <inheritdoc/>
    public void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        Span<byte> buffer = HashBlock64.AsSpan(ref _buffer);
        if (_buffered > 0)
        {
            int take = Math.Min(BlockSize - _buffered, data.Length);
            data.Slice(0, take).CopyTo(buffer.Slice(_buffered));
            _buffered += take;
            data = data.Slice(take);
            if (_buffered < BlockSize)
            {
                return;
            }

            Compress(ref this, buffer);
            _buffered = 0;
        }

        int whole = data.Length & ~(BlockSize - 1);
        if (whole > 0)
        {
            Compress(ref this, data.Slice(0, whole));
            data = data.Slice(whole);
        }

        data.CopyTo(buffer);
        _buffered = data.Length;
    }

    /// <inheritdoc/>
    public void Finish(Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException("destination shorter than the digest", nameof(destination));
        }

        // FIPS 180-4 §5.1.1: 0x80, zeros, 64-bit big-endian bit length.
        Span<byte> buffer = HashBlock64.AsSpan(ref _buffer);
        ulong bits = _length << 3;
        buffer[_buffered++] = 0x80;
        if (_buffered > BlockSize - 8)
        {
            buffer.Slice(_buffered).Clear();
            Compress(ref this, buffer);
            _buffered = 0;
        }

        buffer.Slice(_buffered, BlockSize - 8 - _buffered).Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(BlockSize - 8), bits);
        Compress(ref this, buffer);

        BinaryPrimitives.WriteUInt32BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), _c);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12), _d);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), _e);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(20), _f);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(24), _g);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(28), _h);
        buffer.Clear();
        Reset();
    }

    /// <inheritdoc/>
    public void Clear()
    {
        HashBlock64.AsSpan(ref _buffer).Clear();
        _a = _b = _c = _d = _e = _f = _g = _h = 0;
        _buffered = 0;
        _length = 0;
    }

    // FIPS 180-4 §4.2.2.
    private static readonly uint[] K =
    {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint S0(uint x) => ((x >> 2) | (x << 30)) ^ ((x >> 13) | (x << 19)) ^ ((x >> 22) | (x << 10));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint S1(uint x) => ((x >> 6) | (x << 26)) ^ ((x >> 11) | (x << 21)) ^ ((x >> 25) | (x << 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint s0(uint x) => ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint s1(uint x) => ((x >> 17) | (x << 15)) ^ ((x >> 19) | (x << 13)) ^ (x >> 10);

    // One round (FIPS 180-4 §6.2.2 step 3) with the working variables renamed instead of moved:
    // the caller rotates the argument order, so only d and h are written.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(uint a, uint b, uint c, ref uint d, uint e, uint f, uint g, ref uint h, uint kw)
    {
        uint t1 = h + S1(e) + (g ^ (e & (f ^ g))) + kw;
        uint t2 = S0(a) + ((a & b) | (c & (a | b)));
        d += t1;
        h = t1 + t2;
    }

    /// <summary>Processes whole 64-byte blocks (FIPS 180-4 §6.2.2).</summary>
    private static unsafe void Compress(ref Sha256 s, ReadOnlySpan<byte> blocks)
    {
        uint a = s._a, b = s._b, c = s._c, d = s._d, e = s._e, f = s._f, g = s._g, h = s._h;
        uint* w = stackalloc uint[64];
        // SAFETY: blocks and K are pinned for the loop; every pointer access is within
        // [0, blocks.Length) (whole 64-byte blocks, checked by the loop bound) or [0, 64) for w/K.
        fixed (byte* input = blocks)
        fixed (uint* k = K)
        {
            for (int offset = 0; offset + BlockSize <= blocks.Length; offset += BlockSize)
            {
                byte* p = input + offset;
                for (int i = 0; i < 16; i++)
                {
                    w[i] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(p + 4 * i));
                }

                for (int i = 16; i < 64; i++)
                {
                    w[i] = s1(w[i - 2]) + w[i - 7] + s0(w[i - 15]) + w[i - 16];
                }

                uint a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h;
                for (int i = 0; i < 64; i += 8)
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
