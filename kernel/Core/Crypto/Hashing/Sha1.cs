using System;
using System.Buffers.Binary;
using System.Numerics;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// SHA-1 (FIPS 180-4 §6.1). Collision attacks against SHA-1 are practical: use it only to
/// verify legacy signatures and for legacy KDFs (e.g. RFC 6070 PBKDF2 vectors), never to sign.
/// </summary>
public struct Sha1 : IHashFunction
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 20;

    /// <summary>Block size in bytes.</summary>
    public const int BlockSize = 64;

    private uint _a, _b, _c, _d, _e;
    private HashBlock64 _buffer;
    private int _buffered;
    private ulong _length;

    /// <inheritdoc/>
    public readonly int HashSizeInBytes => HashSize;

    /// <inheritdoc/>
    public readonly int BlockSizeInBytes => BlockSize;

    /// <summary>A ready-to-use hasher.</summary>
    public static Sha1 Create()
    {
        Sha1 h = default;
        h.Reset();
        return h;
    }

    /// <summary>One-shot SHA-1 into <paramref name="destination"/> (≥ 20 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Sha1 h = Create();
        h.Append(data);
        h.Finish(destination);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        // FIPS 180-4 §5.3.1.
        _a = 0x67452301; _b = 0xefcdab89; _c = 0x98badcfe; _d = 0x10325476; _e = 0xc3d2e1f0;
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

            Compress(buffer);
            _buffered = 0;
        }

        while (data.Length >= BlockSize)
        {
            Compress(data.Slice(0, BlockSize));
            data = data.Slice(BlockSize);
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

        Span<byte> buffer = HashBlock64.AsSpan(ref _buffer);
        buffer[_buffered++] = 0x80;
        if (_buffered > BlockSize - 8)
        {
            buffer.Slice(_buffered).Clear();
            Compress(buffer);
            _buffered = 0;
        }

        buffer.Slice(_buffered, BlockSize - 8 - _buffered).Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(BlockSize - 8), _length << 3);
        Compress(buffer);
        BinaryPrimitives.WriteUInt32BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), _c);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12), _d);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), _e);
        buffer.Clear();
        Reset();
    }

    /// <inheritdoc/>
    public void Clear()
    {
        HashBlock64.AsSpan(ref _buffer).Clear();
        _a = _b = _c = _d = _e = 0;
        _buffered = 0;
        _length = 0;
    }

    /// <summary>One 64-byte block (FIPS 180-4 §6.1.2).</summary>
    private void Compress(ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[80];
        for (int i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(4 * i));
        }

        for (int i = 16; i < 80; i++)
        {
            w[i] = BitOperations.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        }

        uint a = _a, b = _b, c = _c, d = _d, e = _e;
        for (int i = 0; i < 80; i++)
        {
            // The round index, not the data, selects f and K, so this branch is public.
            uint f, k;
            if (i < 20)
            {
                f = d ^ (b & (c ^ d));
                k = 0x5a827999;
            }
            else if (i < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            }
            else if (i < 60)
            {
                f = (b & c) | (d & (b | c));
                k = 0x8f1bbcdc;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }

            uint t = BitOperations.RotateLeft(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = t;
        }

        _a += a; _b += b; _c += c; _d += d; _e += e;
    }
}
