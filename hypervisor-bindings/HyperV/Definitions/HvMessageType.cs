namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HvMessageType values for intercepts (OVMM-hvdef; lvbs-abi.md §5.4). Open set.</summary>
public enum HvMessageType : uint
{
    /// <summary>Empty slot.</summary>
    None = 0,
    /// <summary>Unmapped GPA.</summary>
    UnmappedGpa = 0x8000_0000,
    /// <summary>GPA intercept (protection violation).</summary>
    GpaIntercept = 0x8000_0001,
    /// <summary>MSR intercept.</summary>
    MsrIntercept = 0x8001_0001,
    /// <summary>Register (CR / descriptor-table) intercept.</summary>
    RegisterIntercept = 0x8001_0006,
}
