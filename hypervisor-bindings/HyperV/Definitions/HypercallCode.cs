namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// Hyper-V hypercall call codes (OVMM-hvdef HypercallCode, cross-checked with Linux
/// include/hyperv/hvgdk_mini.h HVCALL_*; hypervisor-backends.md §1.1).
/// </summary>
public enum HypercallCode : ushort
{
    /// <summary>Rep: set VTL protections on a list of GPA pages.</summary>
    ModifyVtlProtectionMask = 0x000C,
    /// <summary>Enable a VTL for the partition.</summary>
    EnablePartitionVtl = 0x000D,
    /// <summary>Enable a VTL on one VP with an initial context.</summary>
    EnableVpVtl = 0x000F,
    /// <summary>VTL call (issued through the hypercall page).</summary>
    VtlCall = 0x0011,
    /// <summary>VTL return (issued through the hypercall page).</summary>
    VtlReturn = 0x0012,
    /// <summary>Install an intercept.</summary>
    InstallIntercept = 0x004D,
    /// <summary>Rep: read VP registers.</summary>
    GetVpRegisters = 0x0050,
    /// <summary>Rep: write VP registers.</summary>
    SetVpRegisters = 0x0051,
    /// <summary>Translate a GVA.</summary>
    TranslateVirtualAddress = 0x0052,
    /// <summary>Assert a virtual interrupt.</summary>
    AssertVirtualInterrupt = 0x0094,
    /// <summary>Start a VP.</summary>
    StartVirtualProcessor = 0x0099,
}
