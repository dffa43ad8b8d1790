using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>A growable array of sites (the kernel corelib has no List&lt;T&gt;), sortable by address.</summary>
internal sealed class SiteList
{
    private RewriteSite[] _items = new RewriteSite[16];

    /// <summary>Sites held.</summary>
    public int Count { get; private set; }

    /// <summary>Site <paramref name="index"/>.</summary>
    public ref RewriteSite this[int index] => ref _items[index];

    /// <summary>Appends a site.</summary>
    public void Add(in RewriteSite site)
    {
        if (Count == _items.Length)
        {
            var grown = new RewriteSite[_items.Length * 2];
            Array.Copy(_items, grown, Count);
            _items = grown;
        }

        _items[Count++] = site;
    }

    /// <summary>Empties the list.</summary>
    public void Clear() => Count = 0;

    /// <summary>Stable merge sort by address, then kind, then table index.</summary>
    public void SortByAddress()
    {
        var scratch = new RewriteSite[Count];
        for (int width = 1; width < Count; width *= 2)
        {
            for (int lo = 0; lo < Count; lo += 2 * width)
            {
                int mid = Math.Min(lo + width, Count);
                int hi = Math.Min(lo + 2 * width, Count);
                int a = lo, b = mid, o = lo;
                while (a < mid && b < hi)
                {
                    scratch[o++] = Before(in _items[b], in _items[a]) ? _items[b++] : _items[a++];
                }

                while (a < mid)
                {
                    scratch[o++] = _items[a++];
                }

                while (b < hi)
                {
                    scratch[o++] = _items[b++];
                }
            }

            Array.Copy(scratch, _items, Count);
        }
    }

    /// <summary>Application order of two sites in one window: kind first (Linux's pass order), then table order.</summary>
    public static bool AppliedBefore(in RewriteSite x, in RewriteSite y)
        => x.Kind != y.Kind ? x.Kind < y.Kind : x.TableIndex < y.TableIndex;

    private static bool Before(in RewriteSite x, in RewriteSite y)
    {
        if (x.Va != y.Va)
        {
            return x.Va < y.Va;
        }

        return AppliedBefore(in x, in y);
    }
}
