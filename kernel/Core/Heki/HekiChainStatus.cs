namespace Lvbs.Kernel.Heki;

/// <summary>
/// Result of <see cref="HekiChainReader.Read"/>: which rule of the heki page-chain format
/// (lvbs-abi.md §1.3) a chain broke. <see cref="HekiErrno.From(HekiChainStatus)"/> gives the
/// errno VTL0 sees.
/// </summary>
public enum HekiChainStatus
{
    /// <summary>The chain is well formed; the ranges are in the reader's VTL1 buffer.</summary>
    Ok = 0,
    /// <summary>The caller's total range count is 0.</summary>
    ZeroTotal,
    /// <summary>The caller's total exceeds what the reader can hold (size limit).</summary>
    TotalTooLarge,
    /// <summary>A page PA is 0 or not 4 KiB aligned.</summary>
    UnalignedPage,
    /// <summary>A page of the list lies outside lower-VTL RAM or inside the secure kernel's region.</summary>
    PageNotLowerRam,
    /// <summary>The page could not be copied out of VTL0 memory (outside RAM, VTL1 memory...).</summary>
    CopyFailed,
    /// <summary>More pages than the configured chain bound.</summary>
    ChainTooLong,
    /// <summary>A <c>next_pa</c> points at a page already visited.</summary>
    Cycle,
    /// <summary>A page's <c>nranges</c> is 0 or above 127.</summary>
    BadRangeCount,
    /// <summary>A page's <c>next_pa</c> is not 4 KiB aligned.</summary>
    UnalignedNext,
    /// <summary>The ranges in the chain do not add up to the caller's total.</summary>
    CountMismatch,
    /// <summary>A range has <c>epa &lt; pa</c>.</summary>
    InvertedRange,
    /// <summary>A range has <c>epa == pa</c>.</summary>
    EmptyRange,
    /// <summary>An attribute outside the call's vocabulary.</summary>
    UnknownAttribute,
    /// <summary>A range that must be page aligned is not.</summary>
    UnalignedRange,
    /// <summary>A range ends beyond lower-VTL RAM.</summary>
    OutOfRange,
    /// <summary>The VA range wraps around the address space.</summary>
    Overflow,
    /// <summary>The VA range is not canonical (57-bit sign extension).</summary>
    NonCanonical,
    /// <summary>A range overlaps the secure kernel's own memory.</summary>
    Vtl1Overlap,
}
