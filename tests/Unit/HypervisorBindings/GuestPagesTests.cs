using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

public class GuestPagesTests
{
    [Test]
    public void PageCopiesCheckAlignmentLengthAndRange()
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions());
        byte[] page = new byte[4096];
        page[7] = 0x77;
        Assert.That(GuestPages.WritePage(m, 0x3000, page), Is.EqualTo(BindingStatus.Success));
        byte[] back = new byte[4096];
        Assert.That(GuestPages.ReadPage(m, 0x3000, back), Is.EqualTo(BindingStatus.Success));
        Assert.That(back[7], Is.EqualTo(0x77));
        Assert.That(GuestPages.ReadPage(m, 0x3008, back), Is.EqualTo(BindingStatus.Unaligned));
        Assert.That(GuestPages.ReadPage(m, 0x3000, new byte[4095]), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(GuestPages.WritePage(m, 0x3000, new byte[8192]), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(GuestPages.ReadPage(m, m.Options.Vtl1Base, back), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(GuestPages.ReadPage(m, m.Options.RamSize, back), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(GuestPages.WritePage(m, 0xFFFF_FFFF_FFFF_F000, page), Is.EqualTo(BindingStatus.OutOfRange));
    }
}
