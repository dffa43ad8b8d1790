namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// Offsets in the VP assist page used for VTL switching (TLFS HV_VP_VTL_CONTROL at offset 8;
/// OVMM-hvdef HvVpAssistPage; lvbs-abi.md §5.4).
/// </summary>
public static class HvVpAssistPage
{
    /// <summary>HvVtlEntryReason u32.</summary>
    public const int EntryReasonOffset = 8;
    /// <summary>VINA status u8.</summary>
    public const int VinaStatusOffset = 12;
    /// <summary>VTL0 RAX restored on a non-fast return.</summary>
    public const int VtlReturnRaxOffset = 16;
    /// <summary>VTL0 RCX restored on a non-fast return.</summary>
    public const int VtlReturnRcxOffset = 24;
    /// <summary>256-byte HvMessage delivered with entry reason 3.</summary>
    public const int InterceptMessageOffset = 112;
    /// <summary>VTL-return actions.</summary>
    public const int VtlReturnActionsOffset = 368;
}
