using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// Every site PATCH_TEXT may touch, sorted by VA, and the VA↔PA page map of the text that holds
/// them (the frames VTL1 sealed for the core kernel and for each validated module). Sites and
/// pages carry their owner (a module token or <see cref="TextPatchSite.CoreOwner"/>) so an
/// unload drops exactly that module's. Additions are all-or-nothing and refuse overlaps.
/// </summary>
public sealed class TextPatchSiteTable
{
    /// <summary>Most sites held (vmlinux has about 10,400; kvm.ko about 1,000).</summary>
    public const int MaxSites = 1 << 18;

    /// <summary>Most text pages mapped (1 GiB of text).</summary>
    public const int MaxPages = 1 << 18;

    private TextPatchSite[] _sites = new TextPatchSite[64];
    private int _count;

    // Page map sorted by VA page; _byPa is a permutation sorted by PA page.
    private ulong[] _pageVa = new ulong[64];
    private ulong[] _pagePa = new ulong[64];
    private long[] _pageOwner = new long[64];
    private int[] _byPa = new int[64];
    private int _pages;

    /// <summary>Sites held.</summary>
    public int Count => _count;

    /// <summary>Text pages mapped.</summary>
    public int PageCount => _pages;

    /// <summary>Site <paramref name="index"/> (0..Count-1), by reference so the protocol state can move.</summary>
    public ref TextPatchSite At(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return ref _sites[index];
    }

    /// <summary>Index of the site starting at <paramref name="va"/>; false when none starts there.</summary>
    public bool TryFind(ulong va, out int index)
    {
        int lo = 0;
        int hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            ulong v = _sites[mid].Va;
            if (v == va)
            {
                index = mid;
                return true;
            }

            if (v < va)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        index = -1;
        return false;
    }

    /// <summary>
    /// Adds <paramref name="sites"/> (any order, Phase Stable). 0, ERANGE past <see cref="MaxSites"/>,
    /// or EINVAL when two sites overlap (a new one with an old one, or two new ones); nothing is
    /// added on failure.
    /// </summary>
    public int AddSites(ReadOnlySpan<TextPatchSite> sites)
    {
        if (sites.Length == 0)
        {
            return 0;
        }

        if (sites.Length > MaxSites - _count)
        {
            return (int)LinuxErrno.ERANGE;
        }

        TextPatchSite[] merged = new TextPatchSite[_count + sites.Length];
        Array.Copy(_sites, merged, _count);
        sites.CopyTo(merged.AsSpan(_count));
        SortByVa(merged);
        for (int i = 1; i < merged.Length; i++)
        {
            // An unknown length (0, a core jump label) counts as the shortest, 2; PATCH_TEXT
            // refuses to learn 5 for it if another site starts inside those 5 bytes.
            ulong end = merged[i - 1].Va + (ulong)(merged[i - 1].Length == 0 ? 2 : merged[i - 1].Length);
            if (merged[i].Va < end || merged[i - 1].Va + TextEncodings.MaxLength < merged[i - 1].Va)
            {
                return (int)LinuxErrno.EINVAL;
            }
        }

        _sites = merged;
        _count = merged.Length;
        return 0;
    }

    /// <summary>Drops every site of <paramref name="owner"/>; with <paramref name="initOnly"/>, only those in its init text.</summary>
    public int RemoveSites(long owner, bool initOnly)
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            bool drop = _sites[i].Owner == owner && (!initOnly || _sites[i].Init);
            if (!drop)
            {
                _sites[kept++] = _sites[i];
            }
        }

        int removed = _count - kept;
        Array.Clear(_sites, kept, removed);
        _count = kept;
        return removed;
    }

    /// <summary>
    /// Maps the page-aligned text range [<paramref name="va"/>, +<paramref name="length"/>) to
    /// physical pages starting at <paramref name="pa"/> for <paramref name="owner"/>. 0, EINVAL
    /// (unaligned, empty, wrapping, or a VA or PA page already mapped differently), ERANGE past
    /// <see cref="MaxPages"/>. Re-adding an identical page of the same owner is a no-op.
    /// </summary>
    public int AddMapping(ulong va, ulong pa, ulong length, long owner)
    {
        ulong mask = GuestRange.PageSize - 1;
        if (length == 0 || ((va | pa | length) & mask) != 0 || va + length < va || pa + length < pa)
        {
            return (int)LinuxErrno.EINVAL;
        }

        ulong count = length >> GuestRange.PageShift;
        if (count > (ulong)(MaxPages - _pages))
        {
            return (int)LinuxErrno.ERANGE;
        }

        for (ulong i = 0; i < count; i++)
        {
            ulong v = va + (i << GuestRange.PageShift);
            ulong p = pa + (i << GuestRange.PageShift);
            bool knownVa = TryPaOfVa(v, out ulong oldPa);
            bool knownPa = TryVaOfPa(p, out ulong oldVa);
            if ((knownVa || knownPa) && !(knownVa && knownPa && oldPa == p && oldVa == v && OwnerOfPage(v) == owner))
            {
                return (int)LinuxErrno.EINVAL;
            }
        }

        for (ulong i = 0; i < count; i++)
        {
            ulong v = va + (i << GuestRange.PageShift);
            if (!TryPaOfVa(v, out _))
            {
                InsertPage(v, pa + (i << GuestRange.PageShift), owner);
            }
        }

        RebuildPaIndex();
        return 0;
    }

    /// <summary>Unmaps every page of <paramref name="owner"/>; with <paramref name="initOnly"/> only pages in [initVa, initVa+initSize).</summary>
    public void RemoveMappings(long owner, bool initOnly, ulong initVa, ulong initSize)
    {
        int kept = 0;
        for (int i = 0; i < _pages; i++)
        {
            bool inInit = _pageVa[i] >= initVa && _pageVa[i] - initVa < initSize;
            if (_pageOwner[i] == owner && (!initOnly || inInit))
            {
                continue;
            }

            _pageVa[kept] = _pageVa[i];
            _pagePa[kept] = _pagePa[i];
            _pageOwner[kept] = _pageOwner[i];
            kept++;
        }

        _pages = kept;
        RebuildPaIndex();
    }

    /// <summary>The PA of text byte <paramref name="va"/>; false when its page is not mapped.</summary>
    public bool TryPaOfVa(ulong va, out ulong pa)
    {
        int i = FindPage(va & ~(GuestRange.PageSize - 1));
        pa = i < 0 ? 0 : _pagePa[i] | (va & (GuestRange.PageSize - 1));
        return i >= 0;
    }

    /// <summary>The VA of text byte <paramref name="pa"/>; false when its page is not mapped.</summary>
    public bool TryVaOfPa(ulong pa, out ulong va)
    {
        ulong page = pa & ~(GuestRange.PageSize - 1);
        int lo = 0;
        int hi = _pages - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            ulong p = _pagePa[_byPa[mid]];
            if (p == page)
            {
                va = _pageVa[_byPa[mid]] | (pa & (GuestRange.PageSize - 1));
                return true;
            }

            if (p < page)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        va = 0;
        return false;
    }

    private long OwnerOfPage(ulong vaPage)
    {
        int i = FindPage(vaPage);
        return i < 0 ? long.MinValue : _pageOwner[i];
    }

    private int FindPage(ulong vaPage)
    {
        int lo = 0;
        int hi = _pages - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            ulong v = _pageVa[mid];
            if (v == vaPage)
            {
                return mid;
            }

            if (v < vaPage)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private void InsertPage(ulong va, ulong pa, long owner)
    {
        if (_pages == _pageVa.Length)
        {
            int n = _pageVa.Length * 2;
            ulong[] v = new ulong[n];
            ulong[] p = new ulong[n];
            long[] o = new long[n];
            Array.Copy(_pageVa, v, _pages);
            Array.Copy(_pagePa, p, _pages);
            Array.Copy(_pageOwner, o, _pages);
            _pageVa = v;
            _pagePa = p;
            _pageOwner = o;
            _byPa = new int[n];
        }

        int at = _pages;
        while (at > 0 && _pageVa[at - 1] > va)
        {
            _pageVa[at] = _pageVa[at - 1];
            _pagePa[at] = _pagePa[at - 1];
            _pageOwner[at] = _pageOwner[at - 1];
            at--;
        }

        _pageVa[at] = va;
        _pagePa[at] = pa;
        _pageOwner[at] = owner;
        _pages++;
    }

    private void RebuildPaIndex()
    {
        // Insertion sort of the permutation by PA: maps change only at load and unload.
        for (int i = 0; i < _pages; i++)
        {
            int k = i;
            ulong pa = _pagePa[i];
            while (k > 0 && _pagePa[_byPa[k - 1]] > pa)
            {
                _byPa[k] = _byPa[k - 1];
                k--;
            }

            _byPa[k] = i;
        }
    }

    // Heap sort by VA: no allocation, no recursion, n log n for a whole vmlinux table.
    private static void SortByVa(TextPatchSite[] a)
    {
        int n = a.Length;
        for (int i = (n / 2) - 1; i >= 0; i--)
        {
            SiftDown(a, i, n);
        }

        for (int end = n - 1; end > 0; end--)
        {
            TextPatchSite t = a[0];
            a[0] = a[end];
            a[end] = t;
            SiftDown(a, 0, end);
        }
    }

    private static void SiftDown(TextPatchSite[] a, int root, int n)
    {
        while (true)
        {
            int child = (2 * root) + 1;
            if (child >= n)
            {
                return;
            }

            if (child + 1 < n && a[child + 1].Va > a[child].Va)
            {
                child++;
            }

            if (a[root].Va >= a[child].Va)
            {
                return;
            }

            TextPatchSite t = a[root];
            a[root] = a[child];
            a[child] = t;
            root = child;
        }
    }
}
