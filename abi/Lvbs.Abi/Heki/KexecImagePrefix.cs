using System;
using System.Buffers.Binary;

namespace Lvbs.Abi.Heki;

/// <summary>
/// The 584-byte prefix of Linux's <c>struct kimage</c> that KEXEC_VALIDATE reads
/// (lvbs-abi.md §1.3): eight u64 (head, entry, last_entry, start, control_code_page,
/// swap_page, vmcoreinfo_page, vmcoreinfo_data_copy), <c>nr_segments</c> at +64 and
/// <c>segment[16]</c> at +72 (KEXEC_SEGMENT_MAX).
/// </summary>
public static class KexecImagePrefix
{
    /// <summary>Bytes VTL1 reads.</summary>
    public const int Size = 584;
    /// <summary>Offset of <c>start</c> (the new kernel's entry PA).</summary>
    public const int StartOffset = 24;
    /// <summary>Offset of <c>nr_segments</c>.</summary>
    public const int SegmentCountOffset = 64;
    /// <summary>Offset of <c>segment[0]</c>.</summary>
    public const int SegmentsOffset = 72;
    /// <summary>KEXEC_SEGMENT_MAX.</summary>
    public const int MaxSegments = 16;

    /// <summary>
    /// Parses the prefix: at least <see cref="Size"/> bytes, 1..16 segments, every segment with
    /// a page-aligned destination, a non-zero memsz that is a page multiple, bufsz ≤ memsz and
    /// no wrap. Returns the segment count, or -1 (nothing written) on any violation.
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> source, Span<KexecSegment> segments)
    {
        if (source.Length < Size || segments.Length < MaxSegments)
        {
            return -1;
        }

        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(SegmentCountOffset, 8));
        if (count == 0 || count > MaxSegments)
        {
            return -1;
        }

        for (int i = 0; i < (int)count; i++)
        {
            ReadOnlySpan<byte> s = source.Slice(SegmentsOffset + (i * KexecSegment.Size), KexecSegment.Size);
            ulong bufSize = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(8, 8));
            ulong mem = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(16, 8));
            ulong memSize = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(24, 8));
            if ((mem & 0xFFF) != 0 || memSize == 0 || (memSize & 0xFFF) != 0 || bufSize > memSize || mem + memSize < mem)
            {
                return -1;
            }
        }

        for (int i = 0; i < (int)count; i++)
        {
            ReadOnlySpan<byte> s = source.Slice(SegmentsOffset + (i * KexecSegment.Size), KexecSegment.Size);
            segments[i].Buf = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(0, 8));
            segments[i].BufSize = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(8, 8));
            segments[i].Mem = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(16, 8));
            segments[i].MemSize = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(24, 8));
        }

        return (int)count;
    }
}
