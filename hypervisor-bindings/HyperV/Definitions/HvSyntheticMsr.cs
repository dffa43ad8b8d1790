namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>Hyper-V synthetic MSRs (Linux hvgdk_mini.h; lvbs-abi.md §5.3).</summary>
public static class HvSyntheticMsr
{
    /// <summary>HV_X64_MSR_GUEST_OS_ID.</summary>
    public const uint GuestOsId = 0x4000_0000;
    /// <summary>HV_X64_MSR_HYPERCALL.</summary>
    public const uint Hypercall = 0x4000_0001;
    /// <summary>HV_X64_MSR_VP_INDEX.</summary>
    public const uint VpIndex = 0x4000_0002;
    /// <summary>HV_X64_MSR_VP_ASSIST_PAGE.</summary>
    public const uint VpAssistPage = 0x4000_0073;
    /// <summary>HV_X64_MSR_SCONTROL.</summary>
    public const uint Scontrol = 0x4000_0080;
    /// <summary>HV_X64_MSR_EOM: write to ask for the next pending message.</summary>
    public const uint Eom = 0x4000_0084;
    /// <summary>HV_X64_MSR_SIEFP.</summary>
    public const uint Siefp = 0x4000_0082;
    /// <summary>HV_X64_MSR_SIMP.</summary>
    public const uint Simp = 0x4000_0083;
    /// <summary>HV_X64_MSR_SINT0.</summary>
    public const uint Sint0 = 0x4000_0090;
}
