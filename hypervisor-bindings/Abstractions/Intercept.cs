namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// A trapped lower-VTL action. The write has not been applied (Hyper-V semantics, LVBS
/// mshv_vsm_handle_intercept): the handler applies it through <see cref="IVpRegisters"/> and
/// advances RIP by <see cref="InstructionLength"/>, or injects #GP.
/// </summary>
public struct Intercept
{
    /// <summary>VP that trapped.</summary>
    public uint Vp;
    /// <summary>Kind of action.</summary>
    public InterceptKind Kind;
    /// <summary>Target register for register/MSR/descriptor writes.</summary>
    public VpRegister Register;
    /// <summary>MSR index for <see cref="InterceptKind.MsrWrite"/>; XCR index (ECX) for <see cref="InterceptKind.XcrWrite"/>.</summary>
    public uint Msr;
    /// <summary>Value the lower VTL tried to write.</summary>
    public ulong Value;
    /// <summary>Length of the trapping instruction.</summary>
    public byte InstructionLength;
    /// <summary>Faulting GPA for <see cref="InterceptKind.GpaAccess"/>.</summary>
    public ulong Gpa;
    /// <summary>Access kind for <see cref="InterceptKind.GpaAccess"/>.</summary>
    public MemoryAccess Access;
    /// <summary>Lower-VTL RIP of the trapping instruction.</summary>
    public ulong Rip;
}
