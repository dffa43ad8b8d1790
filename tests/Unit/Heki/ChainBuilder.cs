using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>Writes heki pages with arbitrary (possibly hostile) headers straight into guest RAM.</summary>
internal static class ChainBuilder
{
    public const ulong DirectMap = 0xFFFF_8880_0000_0000;

    /// <summary>A page-sized range at <paramref name="pa"/> with a direct-map VA.</summary>
    public static HekiRange Range(ulong pa, ulong length, ulong attributes)
    {
        return new HekiRange { Va = DirectMap + pa, Pa = pa, Epa = pa + length, Attributes = attributes };
    }

    /// <summary>Writes one page at <paramref name="pagePa"/>.</summary>
    public static void WritePage(SimulatedMachine m, ulong pagePa, ulong nextPa, ulong rangeCount, ReadOnlySpan<HekiRange> ranges)
    {
        byte[] page = new byte[HekiPage.Size];
        HekiPageHeader h = default;
        h.Next = nextPa == 0 ? 0 : DirectMap + nextPa;
        h.NextPa = nextPa;
        h.RangeCount = rangeCount;
        HekiPage.WriteHeader(page, in h);
        for (int i = 0; i < ranges.Length && i < HekiPage.MaxRanges; i++)
        {
            HekiPage.SetRange(page, i, in ranges[i]);
        }

        m.Ram.Write(pagePa, page);
    }

    /// <summary>Writes <paramref name="ranges"/> as a well-formed chain of consecutive pages from <paramref name="firstPagePa"/>.</summary>
    public static ulong WriteChain(SimulatedMachine m, ulong firstPagePa, ReadOnlySpan<HekiRange> ranges)
    {
        int pages = Math.Max(1, (ranges.Length + HekiPage.MaxRanges - 1) / HekiPage.MaxRanges);
        for (int p = 0; p < pages; p++)
        {
            int start = p * HekiPage.MaxRanges;
            int count = Math.Min(HekiPage.MaxRanges, ranges.Length - start);
            ulong pa = firstPagePa + ((ulong)p * HekiPage.Size);
            ulong next = p == pages - 1 ? 0 : pa + HekiPage.Size;
            WritePage(m, pa, next, (ulong)count, ranges.Slice(start, count));
        }

        return firstPagePa;
    }
}
