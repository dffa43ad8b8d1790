namespace Lvbs.Hypervisor.Abstractions;

/// <summary>What a lower-VTL action that trapped was.</summary>
public enum InterceptKind
{
    /// <summary>MOV to CR0/CR4 changing a masked bit.</summary>
    ControlRegisterWrite = 1,
    /// <summary>WRMSR to an intercepted MSR.</summary>
    MsrWrite = 2,
    /// <summary>LGDT/LIDT/LLDT/LTR.</summary>
    DescriptorTableWrite = 3,
    /// <summary>A guest-physical access the page protections deny.</summary>
    GpaAccess = 4,
    /// <summary>XSETBV: <see cref="Intercept.Msr"/> holds the XCR index (ECX), <see cref="Intercept.Value"/> EDX:EAX.</summary>
    XcrWrite = 5,
}
