using System;
namespace Lvbs.Abi.Heki;

/// <summary>Result of <see cref="HekiPage.TryParse"/>.</summary>
public enum HekiPageStatus
{
    /// <summary>The page is well formed.</summary>
    Ok = 0,
    /// <summary>The buffer is not exactly one 4 KiB page.</summary>
    WrongSize,
    /// <summary><c>nranges</c> is 0 or above 127.</summary>
    BadRangeCount,
    /// <summary><c>next_pa</c> is not 4 KiB aligned.</summary>
    UnalignedNext,
    /// <summary>A range has <c>epa &lt; pa</c>.</summary>
    InvertedRange,
}
