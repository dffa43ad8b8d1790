namespace Lvbs.Hypervisor.Simulated;

/// <summary>Shape of a <see cref="SimulatedMachine"/>.</summary>
public sealed class SimulatedMachineOptions
{
    /// <summary>Guest RAM size in bytes, from GPA 0 (page multiple).</summary>
    public ulong RamSize { get; init; } = 64UL << 20;

    /// <summary>Start of the VTL1 (secure kernel) region; VTL0 has no access to it.</summary>
    public ulong Vtl1Base { get; init; } = 48UL << 20;

    /// <summary>Size of the VTL1 region.</summary>
    public ulong Vtl1Size { get; init; } = 16UL << 20;

    /// <summary>Number of virtual processors.</summary>
    public int VpCount { get; init; } = 2;
}
