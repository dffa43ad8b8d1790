using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Boot.Linux;

/// <summary>
/// The physical ranges of the kernel's executable segment and of a separate read-only segment
/// when the ELF has one (x86-64 vmlinux places .rodata in the executable PT_LOAD, so the first
/// range then covers text and read-only data, and the second is empty).
/// </summary>
public struct KernelSegments
{
    public ulong TextStart;
    public ulong TextEnd;
    public ulong ReadOnlyStart;
    public ulong ReadOnlyEnd;
}

/// <summary>Why the kernel's segments could not be found.</summary>
public enum KernelSegmentsStatus
{
    Ok = 0,
    UnsupportedCompression,
    CompressedDataMalformed,
    NotElf64,
    ProgramHeadersOutOfPrefix,
    NoTextSegment,
}

/// <summary>
/// Finds the kernel's text and read-only data in a bzImage, from the image itself: the
/// compressed payload (payload_offset/payload_length, boot.rst) is the kernel's ELF file, whose
/// PT_LOAD program headers (System V ABI, ELF-64) give physical addresses and sizes. The first
/// executable, non-writable segment is text (with rodata on x86-64); a later read-only,
/// non-executable segment, if any, is reported as read-only data.
/// Only LZ4 payloads are decoded (Debian's cloud kernels use LZ4).
/// </summary>
public static class KernelSegmentsReader
{
    private const int PayloadOffsetField = 0x248;
    private const int PayloadLengthField = 0x24C;
    private const int Prefix = 8192;

    public static KernelSegmentsStatus TryRead(ReadOnlySpan<byte> bzImage, in BzImageInfo info, out KernelSegments segments)
    {
        segments = default;
        uint payloadOffset = BinaryPrimitives.ReadUInt32LittleEndian(bzImage.Slice(PayloadOffsetField));
        uint payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(bzImage.Slice(PayloadLengthField));
        ulong start = (ulong)info.KernelOffset + payloadOffset;
        if (start + payloadLength > (ulong)bzImage.Length || payloadLength < 8)
        {
            return KernelSegmentsStatus.CompressedDataMalformed;
        }
        ReadOnlySpan<byte> payload = bzImage.Slice((int)start, (int)payloadLength);
        Span<byte> elf = new byte[Prefix];
        Lz4Status lz4 = Lz4LegacyPrefix.TryDecode(payload, elf, out int produced);
        if (lz4 == Lz4Status.BadMagic)
        {
            return KernelSegmentsStatus.UnsupportedCompression;
        }
        if (lz4 != Lz4Status.Ok)
        {
            return KernelSegmentsStatus.CompressedDataMalformed;
        }
        return TryReadElf(elf.Slice(0, produced), out segments);
    }

    /// <summary>Reads the segments from an ELF-64 file's first bytes.</summary>
    public static KernelSegmentsStatus TryReadElf(ReadOnlySpan<byte> elf, out KernelSegments segments)
    {
        segments = default;
        if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            return KernelSegmentsStatus.NotElf64;
        }
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(elf.Slice(0x20));
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.Slice(0x36));
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.Slice(0x38));
        if (phentsize < 56 || phoff + (ulong)phentsize * phnum > (ulong)elf.Length)
        {
            return KernelSegmentsStatus.ProgramHeadersOutOfPrefix;
        }
        bool haveText = false, haveReadOnly = false;
        for (int i = 0; i < phnum; i++)
        {
            ReadOnlySpan<byte> ph = elf.Slice((int)phoff + i * phentsize, phentsize);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(ph.Slice(4));
            ulong paddr = BinaryPrimitives.ReadUInt64LittleEndian(ph.Slice(0x18));
            ulong memsz = BinaryPrimitives.ReadUInt64LittleEndian(ph.Slice(0x28));
            if (type != 1 || memsz == 0)
            {
                continue; // PT_LOAD only
            }
            bool execute = (flags & 1) != 0, write = (flags & 2) != 0;
            if (!haveText && execute && !write)
            {
                segments.TextStart = paddr;
                segments.TextEnd = paddr + memsz;
                haveText = true;
            }
            else if (haveText && !haveReadOnly && !execute && !write)
            {
                segments.ReadOnlyStart = paddr;
                segments.ReadOnlyEnd = paddr + memsz;
                haveReadOnly = true;
            }
        }
        return haveText ? KernelSegmentsStatus.Ok : KernelSegmentsStatus.NoTextSegment;
    }
}
