using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// Copies the byte streams a heki chain describes (lvbs-abi.md §1.3: one range per physical
/// page fragment) out of VTL0 memory into one VTL1 array, in chain order. Each byte is fetched
/// exactly once; callers parse only the copy.
/// </summary>
public static class RangeBytes
{
    /// <summary>
    /// Sums the lengths of the ranges whose attribute is <paramref name="attribute"/>; false
    /// when the sum exceeds <paramref name="limit"/> (the caller answers ERANGE).
    /// </summary>
    public static bool TryMeasure(ReadOnlySpan<HekiRange> ranges, ulong attribute, ulong limit, out int length)
    {
        length = 0;
        ulong total = 0;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes != attribute)
            {
                continue;
            }

            // The chain reader guarantees epa > pa and epa ≤ lower-VTL RAM end, so no wrap here.
            total += ranges[i].Epa - ranges[i].Pa;
            if (total > limit)
            {
                return false;
            }
        }

        length = (int)total;
        return true;
    }

    /// <summary>
    /// Copies every range with <paramref name="attribute"/> into <paramref name="destination"/>
    /// (exactly the measured length). False on a copy failure (EFAULT).
    /// </summary>
    public static bool TryCopy(IGuestMemory memory, ReadOnlySpan<HekiRange> ranges, ulong attribute, Span<byte> destination)
    {
        int at = 0;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes != attribute)
            {
                continue;
            }

            int n = (int)(ranges[i].Epa - ranges[i].Pa);
            if (n > destination.Length - at || memory.Read(ranges[i].Pa, destination.Slice(at, n)) != BindingStatus.Success)
            {
                return false;
            }

            at += n;
        }

        return at == destination.Length;
    }

    /// <summary>True when the ranges with <paramref name="attribute"/> are virtually contiguous in chain order.</summary>
    public static bool IsVaContiguous(ReadOnlySpan<HekiRange> ranges, ulong attribute)
    {
        bool first = true;
        ulong expected = 0;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes != attribute)
            {
                continue;
            }

            if (!first && ranges[i].Va != expected)
            {
                return false;
            }

            first = false;
            expected = ranges[i].Va + (ranges[i].Epa - ranges[i].Pa);
        }

        return true;
    }
}
