using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Simulated;

/// <summary>BOOT_APS brings VTL1 up on the APs; LOCK_REGS then pins every CPU (hv_vsm_lock_crs).</summary>
public class ApBootFlowTests
{
    [Test]
    public void ApHasNoVtl1UntilBootApsThenGetsPinned()
    {
        var f = new SimulatedFixture(vpCount: 3);
        SimulatedMachine m = f.Machine;
        Assert.That(m.Vtl0(2).TryVtlCall((ulong)VtlCallFunction.LockRegs, 0, 0, 0, out _), Is.False);

        ulong maskPa = f.Driver.Allocate(1);
        Assert.That(m.Vtl0(0).Write(maskPa, new byte[] { 0b110, 0, 0, 0, 0, 0, 0, 0 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(f.Driver.BootAps(maskPa >> 12, 0), Is.Zero);
        Assert.That(m.Vcpu(1).Vtl1Enabled && m.Vcpu(2).Vtl1Enabled, Is.True);
        Assert.That(m.Vcpu(2).Vtl1Context.Rflags, Is.EqualTo(2));

        Assert.That(f.Driver.LockRegs(), Is.Zero);
        for (int vp = 0; vp < 3; vp++)
        {
            ulong cr0 = m.Vcpu(vp).Get(VpRegister.Cr0);
            Assert.That(m.Vtl0(vp).WriteCr0(cr0 & ~0x1_0000UL), Is.EqualTo(Vtl0Outcome.Faulted), "vp " + vp);
            Assert.That(m.InterceptLog[^1].Vp, Is.EqualTo((uint)vp));
        }
    }
}
