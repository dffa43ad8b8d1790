using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.Simulated;

/// <summary>The simulated platform's capability row: everything Full, in software.</summary>
public static class SimulatedCapabilities
{
    /// <summary>Backend name.</summary>
    public const string Name = "simulated";

    /// <summary>The row.</summary>
    public static readonly BackendCapabilities Descriptor = new BackendCapabilities(Name, new[]
    {
        CapabilityCell.Full(), // GuestMemoryAccess
        CapabilityCell.Full(), // PageProtection: checked on every simulated VTL0 access
        CapabilityCell.Full(), // ExecuteSplit
        CapabilityCell.Full(), // ControlRegisterPinning: trap before the write
        CapabilityCell.Full(), // MsrWriteIntercept
        CapabilityCell.Full(), // DescriptorTableIntercept
        CapabilityCell.Full(), // VtlCall
        CapabilityCell.Approximate("intercepts only; no simulated interrupt sources or timers"), // AsyncEntry
        CapabilityCell.Full(), // VpStartup
        CapabilityCell.Full(), // LowerVpRegisters
        CapabilityCell.Full(), // EventInjection
        CapabilityCell.Full(), // Xcr0Intercept: Vtl0Processor.Xsetbv traps before the write
    });
}
