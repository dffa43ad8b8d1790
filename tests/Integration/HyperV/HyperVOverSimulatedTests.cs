using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Tests.Integration.Simulated;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.HyperV;

/// <summary>
/// The HEKI boot flow with the VTL1 side going through the real Hyper-V backend: every
/// protection and intercept becomes hypercall bytes, decoded by a test-only hypervisor and
/// applied to the simulated machine, which then enforces them on VTL0.
/// </summary>
public class HyperVOverSimulatedTests
{
    [Test]
    public void LockDownThroughHypercalls()
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions());
        SimulatedMachineOptions o = m.Options;
        var hv = new HyperVPlatform(new SimulatedHypervisorPort(m), (uint)m.VpCount, o.RamSize, o.Vtl1Base, o.Vtl1Base + o.Vtl1Size, mbecEnabled: true);
        m.Vtl1 = new ReferenceVsmHandler(hv, m.VpCount, o.RamSize, o.Vtl1Base, o.Vtl1Base + o.Vtl1Size);
        var driver = new HekiVtl0Driver(m, SimulatedFixture.ScratchBase, 0x10_0000);

        var ranges = new List<HekiRange>();
        ranges.AddRange(HekiVtl0Driver.RangesFor(SimulatedFixture.KernelText, 600 * 0x1000UL, (ulong)(MemAttr.Read | MemAttr.Exec)));
        ranges.AddRange(HekiVtl0Driver.RangesFor(SimulatedFixture.KernelData, 0x2000, (ulong)(MemAttr.Read | MemAttr.Write)));
        Assert.That(driver.LockRegs(), Is.Zero);
        Assert.That(driver.ProtectMemory(ranges.ToArray()), Is.Zero, "602 one-page heki ranges, one ModifyVtlProtectionMask each");
        Assert.That(driver.SignalEndOfBoot(), Is.Zero);

        Assert.That(m.Vtl0Permissions.Get((SimulatedFixture.KernelText >> 12) + 599), Is.EqualTo(VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute));
        Assert.That(m.Vtl0(0).Write(SimulatedFixture.KernelText + 0x1000, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(m.Vtl0(0).LastException!.Value.Vector, Is.EqualTo(13), "PendingEvent0 decoded back into #GP");
        Assert.That(m.Vtl0(0).Execute(SimulatedFixture.KernelData, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));

        ulong cr0 = m.Vcpu(0).Get(VpRegister.Cr0);
        Assert.That(m.Vtl0(0).WriteCr0(cr0 & ~0x1_0000UL), Is.EqualTo(Vtl0Outcome.Faulted), "CR0.WP pinned through CrInterceptControl");
        ulong rip = m.Vcpu(0).Get(VpRegister.Rip);
        ulong lstar = m.Vcpu(0).Get(VpRegister.Lstar);
        Assert.That(m.Vtl0(0).WriteMsr(0xC000_0082, lstar), Is.EqualTo(Vtl0Outcome.Completed), "same value: VTL1 applies it via SetVpRegisters");
        Assert.That(m.Vcpu(0).Get(VpRegister.Rip), Is.EqualTo(rip + 2), "RIP advanced through SetVpRegisters(Rip)");
        Assert.That(m.Vtl0(0).Lgdt(0x1000, 0x7F), Is.EqualTo(Vtl0Outcome.Faulted));

        // A 1000-page range crosses the 510-page batch boundary twice.
        Assert.That(hv.SetLowerVtlPermissions(0x800, 1000, VtlPermissions.Read | VtlPermissions.UserExecute), Is.EqualTo(BindingStatus.Success));
        Assert.That(m.Vtl0Permissions.Get(0x800 + 509), Is.EqualTo(VtlPermissions.Read | VtlPermissions.UserExecute));
        Assert.That(m.Vtl0Permissions.Get(0x800 + 510), Is.EqualTo(VtlPermissions.Read | VtlPermissions.UserExecute));
        Assert.That(m.Vtl0Permissions.Get(0x800 + 999), Is.EqualTo(VtlPermissions.Read | VtlPermissions.UserExecute));
        Assert.That(m.Vtl0Permissions.Get(0x800 + 1000), Is.EqualTo(VtlPermissions.All));
    }
}
