using System;
using System.Buffers.Binary;

namespace Lvbs.Abi.Heki;

/// <summary>
/// One 4 KiB <c>struct heki_page</c>: <see cref="HekiPageHeader"/> then up to
/// <see cref="MaxRanges"/> <see cref="HekiRange"/> records then one pad u64
/// (lvbs-abi.md §1.3). <see cref="TryParse"/> enforces the per-page rules LiteBox applies in
/// <c>copy_heki_pages_from_vtl0</c>: exact page size, 1..=127 ranges, page-aligned next PA,
/// and <c>epa ≥ pa</c> for each range. Chain-level rules (cycles, total count) belong to the
/// caller that walks the chain.
/// </summary>
public static class HekiPage
{
    /// <summary>Page size in bytes; each heki page is 4096-byte aligned.</summary>
    public const int Size = 4096;
    /// <summary>Offset of the first range.</summary>
    public const int RangesOffset = HekiPageHeader.Size;
    /// <summary>Maximum ranges per page.</summary>
    public const int MaxRanges = 127;
    /// <summary>Offset of the trailing pad u64.</summary>
    public const int PadOffset = RangesOffset + (MaxRanges * HekiRange.Size);

    /// <summary>
    /// Validates <paramref name="page"/> and returns its header. Consumes nothing on failure:
    /// <paramref name="header"/> is zeroed unless the result is <see cref="HekiPageStatus.Ok"/>.
    /// </summary>
    public static HekiPageStatus TryParse(ReadOnlySpan<byte> page, out HekiPageHeader header)
    {
        header = default;
        if (page.Length != Size)
        {
            return HekiPageStatus.WrongSize;
        }

        ulong nextPa = BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(HekiPageHeader.NextPaOffset, 8));
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(HekiPageHeader.RangeCountOffset, 8));
        if (count == 0 || count > MaxRanges)
        {
            return HekiPageStatus.BadRangeCount;
        }

        if ((nextPa & (Size - 1)) != 0)
        {
            return HekiPageStatus.UnalignedNext;
        }

        for (int i = 0; i < (int)count; i++)
        {
            HekiRange r = GetRange(page, i);
            if (r.Epa < r.Pa)
            {
                return HekiPageStatus.InvertedRange;
            }
        }

        header.Next = BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(HekiPageHeader.NextOffset, 8));
        header.NextPa = nextPa;
        header.RangeCount = count;
        return HekiPageStatus.Ok;
    }

    /// <summary>Reads range <paramref name="index"/> (0..126) from a page already validated.</summary>
    public static HekiRange GetRange(ReadOnlySpan<byte> page, int index)
    {
        return HekiRange.Read(page.Slice(RangesOffset + (index * HekiRange.Size), HekiRange.Size));
    }

    /// <summary>Writes a header into a page buffer (the VTL0 side builds these).</summary>
    public static void WriteHeader(Span<byte> page, in HekiPageHeader header)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(HekiPageHeader.NextOffset, 8), header.Next);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(HekiPageHeader.NextPaOffset, 8), header.NextPa);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(HekiPageHeader.RangeCountOffset, 8), header.RangeCount);
    }

    /// <summary>Writes range <paramref name="index"/> into a page buffer.</summary>
    public static void SetRange(Span<byte> page, int index, in HekiRange range)
    {
        range.Write(page.Slice(RangesOffset + (index * HekiRange.Size), HekiRange.Size));
    }
}
