using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// Copies a heki page chain (lvbs-abi.md §1.3) out of VTL0 memory into VTL1 buffers and
/// validates it. Each page is fetched exactly once into a VTL1 page buffer and parsed only
/// from there, and every accepted range is copied into the reader's range buffer, so VTL0
/// cannot change what was validated (no double fetch). The buffers are allocated once at
/// construction: reading a chain allocates nothing.
/// Rules enforced, in order: total 1..capacity; each page PA non-zero and 4 KiB aligned; at most
/// <see cref="MaxPages"/> pages and no page visited twice (cycles); each page inside lower-VTL
/// RAM and outside the secure kernel's region; per page <c>nranges</c>
/// 1..=127 and an aligned <c>next_pa</c> (HekiPage.TryParse); the running count never above the
/// caller's total and equal to it at the end of the chain; per range <c>epa &gt; pa</c>, an
/// attribute of the call's vocabulary, page alignment where the vocabulary requires it, the
/// PA range inside lower-VTL RAM and clear of the secure kernel's region, and a canonical VA
/// range that does not wrap. On failure the reader exposes no ranges (consumes nothing).
/// Not thread-safe: one reader serves one VTL call at a time.
/// </summary>
public sealed class HekiChainReader
{
    /// <summary>Highest virtual address bit of a canonical 5-level (LA57) address; 4-level addresses are a subset.</summary>
    private const int CanonicalBits = 57;

    private readonly IGuestMemory _memory;
    private readonly byte[] _page = new byte[HekiPage.Size];
    private readonly HekiRange[] _ranges;
    private readonly ulong[] _visited;
    private readonly ulong _vtl1Start;
    private readonly ulong _vtl1End;
    private readonly ulong _ramEnd;
    private int _count;

    /// <summary>
    /// Creates a reader over <paramref name="memory"/>. Ranges must lie below
    /// <paramref name="lowerRamEnd"/> and outside [<paramref name="vtl1Start"/>,
    /// <paramref name="vtl1End"/>); chains may have at most <paramref name="maxPages"/> pages.
    /// </summary>
    public HekiChainReader(IGuestMemory memory, ulong vtl1Start, ulong vtl1End, ulong lowerRamEnd, int maxPages)
    {
        if (maxPages < 1 || vtl1End < vtl1Start || lowerRamEnd < HekiPage.Size)
        {
            // Configuration written by the boot code, not VTL0 input: a bad value is a bug.
            throw new ArgumentOutOfRangeException(nameof(maxPages));
        }

        _memory = memory;
        _vtl1Start = vtl1Start;
        _vtl1End = vtl1End;
        _ramEnd = lowerRamEnd;
        _ranges = new HekiRange[maxPages * HekiPage.MaxRanges];
        _visited = new ulong[maxPages];
    }

    /// <summary>Most pages one chain may have.</summary>
    public int MaxPages => _visited.Length;

    /// <summary>Most ranges one chain may carry.</summary>
    public int Capacity => _ranges.Length;

    /// <summary>The ranges of the last successful <see cref="Read"/>; empty after a failure.</summary>
    public ReadOnlySpan<HekiRange> Ranges => new ReadOnlySpan<HekiRange>(_ranges, 0, _count);

    /// <summary>
    /// Reads the chain starting at <paramref name="firstPagePa"/> that VTL0 says holds
    /// <paramref name="total"/> ranges of vocabulary <paramref name="kind"/>.
    /// </summary>
    public HekiChainStatus Read(ulong firstPagePa, ulong total, HekiRangeKind kind)
    {
        _count = 0;
        HekiChainStatus s = ReadChain(firstPagePa, total, kind, out int count);
        if (s == HekiChainStatus.Ok)
        {
            _count = count;
        }

        return s;
    }

    private HekiChainStatus ReadChain(ulong pa, ulong total, HekiRangeKind kind, out int count)
    {
        count = 0;
        if (total == 0)
        {
            return HekiChainStatus.ZeroTotal;
        }

        if (total > (ulong)_ranges.Length)
        {
            return HekiChainStatus.TotalTooLarge;
        }

        int pages = 0;
        do
        {
            if (pa == 0 || (pa & (HekiPage.Size - 1)) != 0)
            {
                return HekiChainStatus.UnalignedPage;
            }

            if (pages == _visited.Length)
            {
                return HekiChainStatus.ChainTooLong;
            }

            for (int i = 0; i < pages; i++)
            {
                if (_visited[i] == pa)
                {
                    return HekiChainStatus.Cycle;
                }
            }

            _visited[pages++] = pa;

            // Checked here as well as by IGuestMemory: the list itself must be VTL0 RAM, never
            // the secure kernel's own pages, whatever the backend's copy routine allows.
            if (pa > _ramEnd - HekiPage.Size || (pa < _vtl1End && _vtl1Start < pa + HekiPage.Size))
            {
                return HekiChainStatus.PageNotLowerRam;
            }

            // The single fetch of this page; everything below reads the VTL1 copy.
            if (_memory.Read(pa, _page) != BindingStatus.Success)
            {
                return HekiChainStatus.CopyFailed;
            }

            switch (HekiPage.TryParse(_page, out HekiPageHeader header))
            {
                case HekiPageStatus.Ok:
                    break;
                case HekiPageStatus.BadRangeCount:
                    return HekiChainStatus.BadRangeCount;
                case HekiPageStatus.UnalignedNext:
                    return HekiChainStatus.UnalignedNext;
                case HekiPageStatus.InvertedRange:
                    return HekiChainStatus.InvertedRange;
                default:
                    // WrongSize cannot happen with our page buffer; any other value is refused.
                    return HekiChainStatus.BadRangeCount;
            }

            if (header.RangeCount > total - (ulong)count)
            {
                return HekiChainStatus.CountMismatch;
            }

            for (int i = 0; i < (int)header.RangeCount; i++)
            {
                HekiRange range = HekiPage.GetRange(_page, i);
                HekiChainStatus rs = CheckRange(in range, kind);
                if (rs != HekiChainStatus.Ok)
                {
                    return rs;
                }

                _ranges[count++] = range;
            }

            pa = header.NextPa;
        }
        while (pa != 0);

        return (ulong)count == total ? HekiChainStatus.Ok : HekiChainStatus.CountMismatch;
    }

    private HekiChainStatus CheckRange(in HekiRange range, HekiRangeKind kind)
    {
        if (range.Epa < range.Pa)
        {
            return HekiChainStatus.InvertedRange;
        }

        if (range.Epa == range.Pa)
        {
            return HekiChainStatus.EmptyRange;
        }

        bool pageAligned;
        switch (kind)
        {
            case HekiRangeKind.MemAttr:
                if (!HekiAttributes.IsValidMemAttr(range.Attributes))
                {
                    return HekiChainStatus.UnknownAttribute;
                }

                pageAligned = true;
                break;
            case HekiRangeKind.Kdata:
                if (!HekiAttributes.IsValidKdataType(range.Attributes))
                {
                    return HekiChainStatus.UnknownAttribute;
                }

                pageAligned = false;
                break;
            case HekiRangeKind.ModuleMemory:
                if (!HekiAttributes.IsValidModMemType(range.Attributes))
                {
                    return HekiChainStatus.UnknownAttribute;
                }

                // lvbs-abi.md §2.1 step 1: module sections are page aligned; the signed ELF
                // buffer and patch info are byte streams.
                pageAligned = range.Attributes != (ulong)ModMemType.ElfBuffer && range.Attributes != (ulong)ModMemType.Patch;
                break;
            case HekiRangeKind.Kexec:
                if (!HekiAttributes.IsValidKexecType(range.Attributes))
                {
                    return HekiChainStatus.UnknownAttribute;
                }

                pageAligned = false;
                break;
            default:
                return HekiChainStatus.UnknownAttribute;
        }

        if (pageAligned && ((range.Pa | range.Epa) & (HekiPage.Size - 1)) != 0)
        {
            return HekiChainStatus.UnalignedRange;
        }

        if (range.Epa > _ramEnd)
        {
            return HekiChainStatus.OutOfRange;
        }

        if (range.Pa < _vtl1End && _vtl1Start < range.Epa)
        {
            return HekiChainStatus.Vtl1Overlap;
        }

        ulong lastVa = range.Va + (range.Epa - range.Pa - 1);
        if (lastVa < range.Va)
        {
            return HekiChainStatus.Overflow;
        }

        if (!IsCanonical(range.Va) || !IsCanonical(lastVa) || (range.Va >> 63) != (lastVa >> 63))
        {
            return HekiChainStatus.NonCanonical;
        }

        return HekiChainStatus.Ok;
    }

    private static bool IsCanonical(ulong va)
    {
        // Bits 63..56 must all equal bit 56.
        ulong top = va >> (CanonicalBits - 1);
        return top == 0 || top == (ulong.MaxValue >> (CanonicalBits - 1));
    }
}
