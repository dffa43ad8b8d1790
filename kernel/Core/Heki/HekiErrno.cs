using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// The one place where parser statuses become the negative errno VTL0 sees, following the
/// lvbs-abi.md §1.2 error table: EFAULT for bad or unaligned addresses and copy failures,
/// ERANGE for size limits and overflow, EINVAL for format errors and frame overlap.
/// </summary>
public static class HekiErrno
{
    /// <summary>-errno for <paramref name="errno"/>.</summary>
    public static long Negative(LinuxErrno errno) => -(long)errno;

    /// <summary>The errno (positive) for a chain status; 0 for Ok.</summary>
    public static LinuxErrno From(HekiChainStatus status)
    {
        switch (status)
        {
            case HekiChainStatus.Ok:
                return 0;
            case HekiChainStatus.UnalignedPage:
            case HekiChainStatus.UnalignedNext:
            case HekiChainStatus.CopyFailed:
            case HekiChainStatus.PageNotLowerRam:
                return LinuxErrno.EFAULT;
            case HekiChainStatus.TotalTooLarge:
            case HekiChainStatus.ChainTooLong:
            case HekiChainStatus.Overflow:
                return LinuxErrno.ERANGE;
            case HekiChainStatus.ZeroTotal:
            case HekiChainStatus.Cycle:
            case HekiChainStatus.BadRangeCount:
            case HekiChainStatus.CountMismatch:
            case HekiChainStatus.InvertedRange:
            case HekiChainStatus.EmptyRange:
            case HekiChainStatus.UnknownAttribute:
            case HekiChainStatus.UnalignedRange:
            case HekiChainStatus.OutOfRange:
            case HekiChainStatus.NonCanonical:
            case HekiChainStatus.Vtl1Overlap:
                return LinuxErrno.EINVAL;
            default:
                // A status this table does not know is a format error, never success.
                return LinuxErrno.EINVAL;
        }
    }
}
