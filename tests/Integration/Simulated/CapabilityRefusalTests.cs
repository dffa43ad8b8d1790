using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Simulated;

/// <summary>
/// The same HEKI flow over a simulated machine that only offers what a weaker backend offers
/// (rows of sev-snp and kvm-planes): the protections the backend cannot enforce are refused
/// and VTL0 learns it from the errno, instead of the kernel silently claiming them.
/// </summary>
public class CapabilityRefusalTests
{
    private static (SimulatedMachine Machine, HekiVtl0Driver Driver) Build(BackendCapabilities row)
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions());
        var gated = new CapabilityGatedPlatform(m, row);
        SimulatedMachineOptions o = m.Options;
        m.Vtl1 = new ReferenceVsmHandler(gated, m.VpCount, o.RamSize, o.Vtl1Base, o.Vtl1Base + o.Vtl1Size);
        return (m, new HekiVtl0Driver(m, SimulatedFixture.ScratchBase, 0x10_0000));
    }

    [Test]
    public void WithoutRegisterInterceptsLockRegsFailsAndCr0StaysUnpinned()
    {
        var (m, driver) = Build(Lvbs.Hypervisor.SevSnp.Backend.SnpCapabilities.Create());
        Assert.That(driver.LockRegs(), Is.EqualTo(-(long)LinuxErrno.EIO));
        ulong cr0 = m.Vcpu(0).Get(VpRegister.Cr0);
        Assert.That(m.Vtl0(0).WriteCr0(cr0 & ~0x1_0000UL), Is.EqualTo(Vtl0Outcome.Completed), "nothing was armed, and nobody pretended otherwise");

        HekiRange[] text = HekiVtl0Driver.RangesFor(SimulatedFixture.KernelText, 0x1000, (ulong)(MemAttr.Read | MemAttr.Exec));
        Assert.That(driver.ProtectMemory(text), Is.Zero, "RMPADJUST-style page protection is still available");
        Assert.That(m.Vtl0(0).Write(SimulatedFixture.KernelText, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Faulted));
    }

    [Test]
    public void WithoutPerPlanePermissionsProtectMemoryFailsAndMemoryStaysWritable()
    {
        var (m, driver) = Build(Lvbs.Hypervisor.KvmPlanes.Backend.KvmPlanesCapabilities.Create());
        HekiRange[] text = HekiVtl0Driver.RangesFor(SimulatedFixture.KernelText, 0x1000, (ulong)(MemAttr.Read | MemAttr.Exec));
        Assert.That(driver.ProtectMemory(text), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(m.Vtl0Permissions.Get(SimulatedFixture.KernelText >> 12), Is.EqualTo(VtlPermissions.All));
    }
}
