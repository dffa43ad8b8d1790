namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>Basic VMX exit reasons L1 handles for an L2 VM (Intel SDM vol. 3 appendix C). Open set.</summary>
public enum VmxExitReason : ushort
{
    /// <summary>External interrupt.</summary>
    ExternalInterrupt = 1,
    /// <summary>VMCALL.</summary>
    Vmcall = 18,
    /// <summary>Control-register access.</summary>
    CrAccess = 28,
    /// <summary>WRMSR.</summary>
    MsrWrite = 32,
    /// <summary>LGDT/LIDT/SGDT/SIDT.</summary>
    GdtrIdtrAccess = 46,
    /// <summary>LLDT/LTR/SLDT/STR.</summary>
    LdtrTrAccess = 47,
    /// <summary>EPT violation.</summary>
    EptViolation = 48,
    /// <summary>TDCALL from L2.</summary>
    Tdcall = 77,
}
