using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;

namespace Lvbs.Tests.Integration.Simulated;

/// <summary>A two-VP machine with the reference VTL1 handler attached and a VTL0 HEKI driver.</summary>
internal sealed class SimulatedFixture
{
    public const ulong ScratchBase = 0x20_0000;
    public const ulong KernelText = 0x100_0000;
    public const ulong KernelRodata = 0x120_0000;
    public const ulong KernelData = 0x140_0000;

    public SimulatedFixture(int vpCount = 2)
    {
        Machine = new SimulatedMachine(new SimulatedMachineOptions { VpCount = vpCount });
        SimulatedMachineOptions o = Machine.Options;
        Machine.Vtl1 = new ReferenceVsmHandler(Machine, vpCount, o.RamSize, o.Vtl1Base, o.Vtl1Base + o.Vtl1Size);
        Driver = new HekiVtl0Driver(Machine, ScratchBase, 0x10_0000);
    }

    public SimulatedMachine Machine { get; }

    public HekiVtl0Driver Driver { get; }
}
