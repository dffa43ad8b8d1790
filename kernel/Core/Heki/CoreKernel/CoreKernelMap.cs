using System;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// The core kernel's VA → PA translation as PROTECT_MEMORY described it (lvbs-abi.md §1.3,
/// §1.4: VTL0 walks its kernel mapping and sends one range per physical page fragment). It holds
/// translations only; what VTL0 may do to each page is in <see cref="PageSealTable"/>. Ranges are
/// recorded while PROTECT_MEMORY applies them (boot only) and frozen at the end of boot: sorted
/// by VA, extents with the same VA − PA delta merged, and VA ranges two ranges translate
/// differently dropped (both), so a lookup never picks one of two claims. Lookups answer only
/// once frozen.
/// </summary>
public sealed class CoreKernelMap
{
    /// <summary>x86-64 <c>__START_KERNEL_map</c>: the kernel image mapping starts here (arch/x86/include/asm/page_64_types.h).</summary>
    public const ulong ImageWindowStart = 0xFFFF_FFFF_8000_0000;

    /// <summary>End of the kernel image window: <c>__START_KERNEL_map + KERNEL_IMAGE_SIZE</c> (1 GiB with RANDOMIZE_BASE); modules start here.</summary>
    public const ulong ImageWindowEnd = 0xFFFF_FFFF_C000_0000;

    /// <summary>Most extents kept; ranges beyond it are not recorded (their pages are simply not in the view).</summary>
    public const int MaxExtents = 1 << 16;

    private ulong[] _va = new ulong[64];
    private ulong[] _pa = new ulong[64];
    private ulong[] _length = new ulong[64];
    private int _count;

    /// <summary>True once <see cref="Freeze"/> ran (at the end of boot).</summary>
    public bool Frozen { get; private set; }

    /// <summary>Extents after freezing.</summary>
    public int Count => _count;

    /// <summary>Ranges that were not recorded (map full, unaligned, or recorded after freezing).</summary>
    public int Dropped { get; private set; }

    /// <summary>Extent <paramref name="index"/>'s first VA.</summary>
    public ulong VaAt(int index) => _va[index];

    /// <summary>Extent <paramref name="index"/>'s first PA.</summary>
    public ulong PaAt(int index) => _pa[index];

    /// <summary>Extent <paramref name="index"/>'s length in bytes (a page multiple).</summary>
    public ulong LengthAt(int index) => _length[index];

    /// <summary>
    /// Records that [<paramref name="pa"/>, <paramref name="epa"/>) is mapped at <paramref name="va"/>.
    /// Page-aligned PAs (the chain reader's rule for MemAttr ranges) and a VA with the same page
    /// offset are required; anything else is not recorded, which only narrows the view.
    /// </summary>
    public void Record(ulong va, ulong pa, ulong epa)
    {
        ulong mask = GuestRange.PageSize - 1;
        if (Frozen || epa <= pa || ((pa | epa | va) & mask) != 0 || va + (epa - pa) < va)
        {
            Dropped++;
            return;
        }

        ulong length = epa - pa;
        if (_count > 0)
        {
            int last = _count - 1;
            if (_va[last] + _length[last] == va && _pa[last] + _length[last] == pa)
            {
                // VTL0 sends a contiguous kernel mapping page by page: keep one extent.
                _length[last] += length;
                return;
            }
        }

        if (_count == _va.Length)
        {
            if (_count >= MaxExtents)
            {
                Dropped++;
                return;
            }

            Grow();
        }

        _va[_count] = va;
        _pa[_count] = pa;
        _length[_count] = length;
        _count++;
    }

    /// <summary>Sorts, merges and removes conflicting translations; later records are refused.</summary>
    public void Freeze()
    {
        if (Frozen)
        {
            return;
        }

        Frozen = true;
        HeapSort();
        int n = 0;
        int i = 0;
        while (i < _count)
        {
            ulong start = _va[i];
            ulong end = start + _length[i];
            ulong delta = unchecked(start - _pa[i]);
            bool conflict = false;
            int j = i + 1;
            while (j < _count && _va[j] <= end)
            {
                bool overlaps = _va[j] < end;
                if (unchecked(_va[j] - _pa[j]) != delta)
                {
                    if (overlaps)
                    {
                        conflict = true;
                    }
                    else
                    {
                        break;
                    }
                }

                ulong e = _va[j] + _length[j];
                end = e > end ? e : end;
                j++;
            }

            if (!conflict)
            {
                _va[n] = start;
                _pa[n] = unchecked(start - delta);
                _length[n] = end - start;
                n++;
            }

            i = j;
        }

        _count = n;
    }

    /// <summary>The PA of <paramref name="va"/> and the bytes left in its extent; false when unmapped or not frozen.</summary>
    public bool TryTranslate(ulong va, out ulong pa, out ulong left)
    {
        pa = 0;
        left = 0;
        if (!Frozen)
        {
            return false;
        }

        int lo = 0;
        int hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (va < _va[mid])
            {
                hi = mid - 1;
            }
            else if (va - _va[mid] >= _length[mid])
            {
                lo = mid + 1;
            }
            else
            {
                pa = _pa[mid] + (va - _va[mid]);
                left = _length[mid] - (va - _va[mid]);
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="va"/> is in the x86-64 kernel image window.</summary>
    public static bool InImageWindow(ulong va) => va >= ImageWindowStart && va < ImageWindowEnd;

    private void Grow()
    {
        int size = _va.Length * 2;
        var va = new ulong[size];
        var pa = new ulong[size];
        var length = new ulong[size];
        Array.Copy(_va, va, _count);
        Array.Copy(_pa, pa, _count);
        Array.Copy(_length, length, _count);
        _va = va;
        _pa = pa;
        _length = length;
    }

    // Heap sort by VA: no corelib sort in the image, and VTL0 controls the order (no quadratic worst case).
    private void HeapSort()
    {
        for (int start = (_count / 2) - 1; start >= 0; start--)
        {
            SiftDown(start, _count);
        }

        for (int end = _count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }
    }

    private void SiftDown(int root, int end)
    {
        while (true)
        {
            int child = (2 * root) + 1;
            if (child >= end)
            {
                return;
            }

            if (child + 1 < end && _va[child + 1] > _va[child])
            {
                child++;
            }

            if (_va[root] >= _va[child])
            {
                return;
            }

            Swap(root, child);
            root = child;
        }
    }

    private void Swap(int a, int b)
    {
        ulong t = _va[a];
        _va[a] = _va[b];
        _va[b] = t;
        t = _pa[a];
        _pa[a] = _pa[b];
        _pa[b] = t;
        t = _length[a];
        _length[a] = _length[b];
        _length[b] = t;
    }
}
