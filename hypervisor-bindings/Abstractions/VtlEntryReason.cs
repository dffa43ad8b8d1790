namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Why the higher VTL was entered. Numbering follows HvVtlEntryReason (TLFS: 1 VTL_CALL,
/// 2 INTERRUPT; OpenHCL hvdef adds 3 INTERCEPT) so the Hyper-V backend maps 1:1.
/// </summary>
public enum VtlEntryReason : uint
{
    /// <summary>Lower VTL issued a VTL call.</summary>
    Call = 1,
    /// <summary>An interrupt targeted the higher VTL.</summary>
    Interrupt = 2,
    /// <summary>A lower-VTL action hit an armed intercept.</summary>
    Intercept = 3,
}
