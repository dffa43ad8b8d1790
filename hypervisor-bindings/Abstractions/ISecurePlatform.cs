namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Everything a backend offers the secure kernel, plus its capability row. A capability at
/// level None answers every call with <see cref="BindingStatus.NotSupported"/>.
/// </summary>
public interface ISecurePlatform
{
    /// <summary>The backend's capability row.</summary>
    BackendCapabilities Capabilities { get; }
    /// <summary>Lower-VTL memory.</summary>
    IGuestMemory Memory { get; }
    /// <summary>Page protection.</summary>
    IVtlPageProtection Protection { get; }
    /// <summary>Register intercepts.</summary>
    IRegisterIntercepts Intercepts { get; }
    /// <summary>Lower-VTL registers.</summary>
    IVpRegisters Registers { get; }
    /// <summary>Exception injection.</summary>
    IEventInjection Injection { get; }
    /// <summary>VP startup at the higher VTL.</summary>
    IVpStartup Startup { get; }
}
