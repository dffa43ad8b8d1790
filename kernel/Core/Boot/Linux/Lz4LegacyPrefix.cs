using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Boot.Linux;

/// <summary>Why the start of an LZ4 stream could not be decoded.</summary>
public enum Lz4Status
{
    Ok = 0,
    BadMagic,
    Truncated,
    BadOffset,
}

/// <summary>
/// Decodes the first bytes of an LZ4 "legacy frame" (the format Linux's bzImage uses for an
/// LZ4-compressed kernel: magic 0x184C2102, then blocks of u32 compressed size + LZ4 block data;
/// LZ4 block format spec, "lz4_Block_format.md"). Only a prefix is produced: enough to read the
/// kernel's ELF headers without decompressing tens of megabytes. Every length and back-reference
/// is checked against the input and the output produced so far.
/// </summary>
public static class Lz4LegacyPrefix
{
    private const uint LegacyMagic = 0x184C2102;

    /// <summary>Fills <paramref name="output"/> with the first bytes of the stream; <paramref name="produced"/> may be less at stream end.</summary>
    public static Lz4Status TryDecode(ReadOnlySpan<byte> stream, Span<byte> output, out int produced)
    {
        produced = 0;
        if (stream.Length < 8)
        {
            return Lz4Status.Truncated;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(stream) != LegacyMagic)
        {
            return Lz4Status.BadMagic;
        }
        uint blockSize = BinaryPrimitives.ReadUInt32LittleEndian(stream.Slice(4));
        if (blockSize > (uint)(stream.Length - 8))
        {
            return Lz4Status.Truncated;
        }
        ReadOnlySpan<byte> block = stream.Slice(8, (int)blockSize);
        int i = 0, o = 0;
        while (o < output.Length)
        {
            if (i >= block.Length)
            {
                break; // end of the block: a legacy block's last sequence ends with literals
            }
            byte token = block[i++];
            if (!TryReadLength(block, ref i, token >> 4, out int literals))
            {
                return Lz4Status.Truncated;
            }
            if (literals > block.Length - i)
            {
                return Lz4Status.Truncated;
            }
            int copy = Math.Min(literals, output.Length - o);
            block.Slice(i, copy).CopyTo(output.Slice(o));
            o += copy;
            i += literals;
            if (o >= output.Length || i >= block.Length)
            {
                break;
            }
            if (block.Length - i < 2)
            {
                return Lz4Status.Truncated;
            }
            int offset = block[i] | (block[i + 1] << 8);
            i += 2;
            if (offset == 0 || offset > o)
            {
                return Lz4Status.BadOffset;
            }
            if (!TryReadLength(block, ref i, token & 0xF, out int match))
            {
                return Lz4Status.Truncated;
            }
            match += 4;
            // Byte by byte: a match may overlap the bytes it produces (run-length style).
            for (int k = 0; k < match && o < output.Length; k++, o++)
            {
                output[o] = output[o - offset];
            }
        }
        produced = o;
        return Lz4Status.Ok;
    }

    // A 4-bit length of 15 continues with bytes that add up until one is below 255.
    private static bool TryReadLength(ReadOnlySpan<byte> block, ref int i, int nibble, out int length)
    {
        length = nibble;
        if (nibble != 15)
        {
            return true;
        }
        while (true)
        {
            if (i >= block.Length || length > int.MaxValue - 255)
            {
                return false;
            }
            byte b = block[i++];
            length += b;
            if (b != 255)
            {
                return true;
            }
        }
    }
}
