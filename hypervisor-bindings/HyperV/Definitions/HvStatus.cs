namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// HV_STATUS values found in RAX bits 0–15 (Linux include/hyperv/hvgdk_mini.h; OVMM-hvdef;
/// hypervisor-backends.md §1.1). Open set: map unknown values to a generic failure.
/// </summary>
public enum HvStatus : ushort
{
    /// <summary>HV_STATUS_SUCCESS.</summary>
    Success = 0x0,
    /// <summary>HV_STATUS_INVALID_HYPERCALL_CODE.</summary>
    InvalidHypercallCode = 0x2,
    /// <summary>HV_STATUS_INVALID_HYPERCALL_INPUT.</summary>
    InvalidHypercallInput = 0x3,
    /// <summary>HV_STATUS_INVALID_ALIGNMENT.</summary>
    InvalidAlignment = 0x4,
    /// <summary>HV_STATUS_INVALID_PARAMETER (e.g. non-RAM range for ModifyVtlProtectionMask, TLFS).</summary>
    InvalidParameter = 0x5,
    /// <summary>HV_STATUS_ACCESS_DENIED.</summary>
    AccessDenied = 0x6,
    /// <summary>HV_STATUS_VTL_ALREADY_ENABLED.</summary>
    VtlAlreadyEnabled = 0x86,
}
