using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// A bounded set of window-sized byte strings: the encodings Linux could have left in a window
/// after the rewrites applied so far. Bounded so that a crafted table cannot make VTL1 enumerate
/// without limit; a rule that would overflow it refuses the window instead.
/// </summary>
internal sealed class CandidateSet
{
    /// <summary>Most encodings one window may have (a site has at most a handful; overlaps multiply them).</summary>
    public const int Capacity = 64;

    private readonly byte[] _bytes;

    /// <summary>Creates an empty set of strings of <paramref name="width"/> bytes.</summary>
    public CandidateSet(int width)
    {
        Width = width;
        _bytes = new byte[width * Capacity];
    }

    /// <summary>Bytes per string.</summary>
    public int Width { get; }

    /// <summary>Strings held.</summary>
    public int Count { get; private set; }

    /// <summary>String <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index] => new ReadOnlySpan<byte>(_bytes, index * Width, Width);

    /// <summary>Empties the set.</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds <paramref name="candidate"/> unless present; false when the set is full.</summary>
    public bool Add(ReadOnlySpan<byte> candidate)
    {
        if (Contains(candidate))
        {
            return true;
        }

        if (Count == Capacity)
        {
            return false;
        }

        candidate.CopyTo(new Span<byte>(_bytes, Count * Width, Width));
        Count++;
        return true;
    }

    /// <summary>
    /// Adds <paramref name="current"/> with <paramref name="site"/> written at
    /// <paramref name="offset"/> (built in <paramref name="scratch"/>); false when the set is full.
    /// </summary>
    public bool AddPatched(ReadOnlySpan<byte> current, int offset, ReadOnlySpan<byte> site, Span<byte> scratch)
    {
        current.CopyTo(scratch);
        site.CopyTo(scratch.Slice(offset));
        return Add(scratch.Slice(0, current.Length));
    }

    /// <summary>True when <paramref name="candidate"/> is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> candidate)
    {
        for (int i = 0; i < Count; i++)
        {
            if (this[i].SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
