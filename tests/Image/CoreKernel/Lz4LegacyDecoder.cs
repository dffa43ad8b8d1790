using System;
using System.Buffers.Binary;
using System.IO;

namespace Lvbs.Tests.Image.CoreKernel;

/// <summary>
/// Test-only decoder for the LZ4 legacy frame the Linux build writes with <c>lz4 -l</c>
/// (CONFIG_KERNEL_LZ4): magic 0x184C2102, then blocks of {u32 LE compressed size, LZ4 block}
/// each decoding to at most 8 MiB; the kernel build appends the uncompressed size as a u32
/// (size_append), which is returned separately. Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class Lz4LegacyDecoder
{
    public const uint Magic = 0x184C2102;
    public const int MaxBlock = 8 << 20;

    /// <summary>Decodes <paramref name="frame"/>; <paramref name="trailer"/> is the appended u32 (or -1 when none).</summary>
    public static byte[] Decode(ReadOnlySpan<byte> frame, out long trailer)
    {
        trailer = -1;
        if (frame.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != Magic)
        {
            throw new InvalidDataException("not an LZ4 legacy frame");
        }

        var output = new MemoryStream();
        byte[] block = new byte[MaxBlock];
        int at = 4;
        while (frame.Length - at >= 4)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(at));
            if (size == Magic)
            {
                // Concatenated legacy frames.
                at += 4;
                continue;
            }

            if (size > (uint)(frame.Length - at - 4))
            {
                // Not a block: the appended uncompressed size ends the payload.
                if (frame.Length - at != 4)
                {
                    throw new InvalidDataException("block size past the end of the frame");
                }

                trailer = size;
                break;
            }

            int n = DecodeBlock(frame.Slice(at + 4, (int)size), block);
            output.Write(block, 0, n);
            at += 4 + (int)size;
        }

        return output.ToArray();
    }

    /// <summary>Decodes one LZ4 block (sequences of literals and matches; lz4_Block_format.md).</summary>
    public static int DecodeBlock(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int s = 0;
        int d = 0;
        while (s < src.Length)
        {
            int token = src[s++];
            int literals = token >> 4;
            if (literals == 15)
            {
                literals += ReadLength(src, ref s);
            }

            if (literals > src.Length - s || literals > dst.Length - d)
            {
                throw new InvalidDataException("literal run past the end");
            }

            src.Slice(s, literals).CopyTo(dst.Slice(d));
            s += literals;
            d += literals;
            if (s == src.Length)
            {
                break;
            }

            if (src.Length - s < 2)
            {
                throw new InvalidDataException("truncated match offset");
            }

            int offset = BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(s));
            s += 2;
            int match = (token & 15) + 4;
            if ((token & 15) == 15)
            {
                match += ReadLength(src, ref s);
            }

            if (offset == 0 || offset > d || match > dst.Length - d)
            {
                throw new InvalidDataException("bad match");
            }

            // Byte by byte: matches may overlap their own output.
            for (int i = 0; i < match; i++)
            {
                dst[d + i] = dst[d - offset + i];
            }

            d += match;
        }

        return d;
    }

    private static int ReadLength(ReadOnlySpan<byte> src, ref int s)
    {
        int n = 0;
        byte b;
        do
        {
            if (s >= src.Length)
            {
                throw new InvalidDataException("truncated length");
            }

            b = src[s++];
            n += b;
        }
        while (b == 255);
        return n;
    }
}
