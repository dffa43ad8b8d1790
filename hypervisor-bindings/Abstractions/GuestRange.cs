namespace Lvbs.Hypervisor.Abstractions;

/// <summary>Bounds and alignment checks shared by all backends for lower-VTL guest addresses.</summary>
public static class GuestRange
{
    /// <summary>4 KiB page size.</summary>
    public const ulong PageSize = 4096;

    /// <summary>Page shift.</summary>
    public const int PageShift = 12;

    /// <summary>
    /// Checks [<paramref name="gpa"/>, gpa + <paramref name="length"/>) : aligned to
    /// <paramref name="alignment"/> (a power of two, 1 for none), no overflow, below
    /// <paramref name="ramEnd"/>, and not overlapping [<paramref name="higherStart"/>,
    /// <paramref name="higherEnd"/>).
    /// </summary>
    public static BindingStatus Check(ulong gpa, ulong length, ulong alignment, ulong ramEnd, ulong higherStart, ulong higherEnd)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0 || (gpa & (alignment - 1)) != 0)
        {
            return BindingStatus.Unaligned;
        }

        ulong end = gpa + length;
        if (end < gpa || end > ramEnd)
        {
            return BindingStatus.OutOfRange;
        }

        if (length != 0 && gpa < higherEnd && higherStart < end)
        {
            return BindingStatus.HigherVtlMemory;
        }

        return BindingStatus.Success;
    }

    /// <summary>Same as <see cref="Check"/> for a page-number range.</summary>
    public static BindingStatus CheckPages(ulong firstPfn, ulong pageCount, ulong ramEnd, ulong higherStart, ulong higherEnd)
    {
        const ulong maxPfn = ulong.MaxValue >> PageShift;
        if (firstPfn > maxPfn || pageCount > maxPfn || firstPfn + pageCount > maxPfn + 1)
        {
            return BindingStatus.OutOfRange;
        }

        return Check(firstPfn << PageShift, pageCount << PageShift, PageSize, ramEnd, higherStart, higherEnd);
    }
}
