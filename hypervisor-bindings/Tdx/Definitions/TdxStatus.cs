namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>
/// TDCALL / TDG.VP.ENTER completion codes: RAX bits 32–63 (OpenVMM TdCallResult,
/// TdxVpEnterRaxResult; TDX module tdx_api_defs.h; hypervisor-backends.md §1.3). Open set.
/// </summary>
public enum TdxStatus : uint
{
    /// <summary>Success (for VP.ENTER: an L2 VM exit delivered to L1).</summary>
    Success = 0,
    /// <summary>TDX_L2_EXIT_HOST_ROUTED_ASYNC.</summary>
    L2ExitHostRoutedAsync = 0x1100,
    /// <summary>TDX_L2_EXIT_HOST_ROUTED_TDVMCALL.</summary>
    L2ExitHostRoutedTdvmcall = 0x1101,
    /// <summary>TDX_L2_EXIT_PENDING_INTERRUPT.</summary>
    L2ExitPendingInterrupt = 0x1102,
    /// <summary>TDX_PENDING_INTERRUPT.</summary>
    PendingInterrupt = 0x1120,
    /// <summary>TDX_TD_EXIT_BEFORE_L2_ENTRY.</summary>
    TdExitBeforeL2Entry = 0x1140,
    /// <summary>TDX_OPERAND_INVALID.</summary>
    OperandInvalid = 0xC000_0100,
    /// <summary>TDX_PAGE_ATTR_INVALID (illegal attribute combination; current attributes in RDX).</summary>
    PageAttrInvalid = 0xC000_0B11,
}
