namespace Lvbs.Hypervisor.Abstractions;

/// <summary>How well a backend provides one <see cref="Capability"/>.</summary>
public enum CapabilityLevel
{
    /// <summary>Not available: the operation returns <see cref="BindingStatus.NotSupported"/>.</summary>
    None = 0,
    /// <summary>Available with a weaker guarantee; the reason says what is lost.</summary>
    Approximate = 1,
    /// <summary>Enforced by the hypervisor or hardware as the abstraction promises.</summary>
    Full = 2,
}
