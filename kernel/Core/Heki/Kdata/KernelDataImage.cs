using System;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// VTL1's copy of the kernel data LOAD_KDATA sent as type KernelData (all of VTL0's .rodata,
/// which holds <c>__ksymtab*</c> and <c>__ksymtab_strings</c>; lvbs-abi.md §1.4), addressed by
/// VTL0 kernel VA. Ranges are merged into VA-contiguous segments sorted by VA; overlapping VA
/// ranges are refused.
/// </summary>
public sealed class KernelDataImage
{
    private readonly ulong[] _va;
    private readonly byte[][] _bytes;

    private KernelDataImage(ulong[] va, byte[][] bytes)
    {
        _va = va;
        _bytes = bytes;
    }

    /// <summary>Number of VA-contiguous segments.</summary>
    public int SegmentCount => _va.Length;

    /// <summary>First VA of segment <paramref name="index"/>.</summary>
    public ulong SegmentVa(int index) => _va[index];

    /// <summary>The bytes of segment <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Segment(int index) => _bytes[index];

    /// <summary>Total bytes held.</summary>
    public long TotalBytes
    {
        get
        {
            long n = 0;
            for (int i = 0; i < _bytes.Length; i++)
            {
                n += _bytes[i].Length;
            }

            return n;
        }
    }

    /// <summary>
    /// Builds the image from the KernelData ranges of <paramref name="ranges"/> whose bytes,
    /// in chain order, are <paramref name="copied"/> (see <see cref="RangeBytes"/>). Returns 0 or
    /// EINVAL when two ranges overlap in VA.
    /// </summary>
    public static LinuxErrno TryBuild(ReadOnlySpan<HekiRange> ranges, byte[] copied, out KernelDataImage? image)
    {
        image = null;
        const ulong type = (ulong)HekiKdataType.KernelData;
        int n = 0;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes == type)
            {
                n++;
            }
        }

        // Range i's VA, length and offset in the copied stream, sorted by VA (insertion sort:
        // VTL0 sends .rodata in VA order, so this is linear in practice).
        var va = new ulong[n];
        var len = new int[n];
        var off = new int[n];
        int k = 0;
        int at = 0;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes != type)
            {
                continue;
            }

            int l = (int)(ranges[i].Epa - ranges[i].Pa);
            int j = k;
            while (j > 0 && va[j - 1] > ranges[i].Va)
            {
                va[j] = va[j - 1];
                len[j] = len[j - 1];
                off[j] = off[j - 1];
                j--;
            }

            va[j] = ranges[i].Va;
            len[j] = l;
            off[j] = at;
            at += l;
            k++;
        }

        int segments = 0;
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && va[i] < va[i - 1] + (ulong)len[i - 1])
            {
                return LinuxErrno.EINVAL;
            }

            if (i == 0 || va[i] != va[i - 1] + (ulong)len[i - 1])
            {
                segments++;
            }
        }

        var segVa = new ulong[segments];
        var segBytes = new byte[segments][];
        int s = -1;
        int fill = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == 0 || va[i] != va[i - 1] + (ulong)len[i - 1])
            {
                int size = 0;
                for (int j = i; j < n && (j == i || va[j] == va[j - 1] + (ulong)len[j - 1]); j++)
                {
                    size += len[j];
                }

                s++;
                segVa[s] = va[i];
                segBytes[s] = new byte[size];
                fill = 0;
            }

            new ReadOnlySpan<byte>(copied, off[i], len[i]).CopyTo(new Span<byte>(segBytes[s], fill, len[i]));
            fill += len[i];
        }

        image = new KernelDataImage(segVa, segBytes);
        return 0;
    }

    /// <summary>
    /// The bytes at [<paramref name="va"/>, +<paramref name="length"/>) when they lie inside one
    /// segment; false otherwise.
    /// </summary>
    public bool TryGet(ulong va, int length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        int s = Find(va);
        if (s < 0 || length < 0)
        {
            return false;
        }

        ulong offset = va - _va[s];
        byte[] seg = _bytes[s];
        if (offset > (ulong)seg.Length || (ulong)length > (ulong)seg.Length - offset)
        {
            return false;
        }

        bytes = new ReadOnlySpan<byte>(seg, (int)offset, length);
        return true;
    }

    /// <summary>
    /// The NUL-terminated string at <paramref name="va"/> (terminator excluded) when it lies in
    /// one segment and has at most <paramref name="maxLength"/> bytes before the NUL.
    /// </summary>
    public bool TryGetString(ulong va, int maxLength, out ReadOnlySpan<byte> text)
    {
        text = default;
        int s = Find(va);
        if (s < 0)
        {
            return false;
        }

        ulong offset = va - _va[s];
        byte[] seg = _bytes[s];
        if (offset >= (ulong)seg.Length)
        {
            return false;
        }

        int start = (int)offset;
        int limit = Math.Min(seg.Length - start, maxLength + 1);
        for (int i = 0; i < limit; i++)
        {
            if (seg[start + i] == 0)
            {
                text = new ReadOnlySpan<byte>(seg, start, i);
                return true;
            }
        }

        return false;
    }

    private int Find(ulong va)
    {
        // Last segment starting at or below va.
        int lo = 0;
        int hi = _va.Length - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (_va[mid] <= va)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
