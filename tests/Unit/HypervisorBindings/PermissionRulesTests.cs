using Lvbs.Hypervisor.Abstractions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

public class PermissionRulesTests
{
    private const VtlPermissions R = VtlPermissions.Read;
    private const VtlPermissions W = VtlPermissions.Write;
    private const VtlPermissions KX = VtlPermissions.KernelExecute;
    private const VtlPermissions UX = VtlPermissions.UserExecute;

    [Test]
    public void BitOrderEqualsHvMapGpaLowNibble()
    {
        Assert.That((byte)R, Is.EqualTo(0x1));
        Assert.That((byte)W, Is.EqualTo(0x2));
        Assert.That((byte)KX, Is.EqualTo(0x4));
        Assert.That((byte)UX, Is.EqualTo(0x8));
    }

    [TestCase(VtlPermissions.None)]
    [TestCase(R)]
    [TestCase(R | UX)]
    [TestCase(R | W)]
    [TestCase(R | W | UX)]
    [TestCase(R | KX | UX)]
    public void AcceptedWithMbec(VtlPermissions p) => Assert.That(PermissionRules.Check(p, CapabilityLevel.Full), Is.EqualTo(BindingStatus.Success));

    [TestCase(R | W | KX | UX)]
    [TestCase(R | W | KX)]
    [TestCase(W)]
    [TestCase(UX)]
    [TestCase(R | KX)]
    [TestCase((VtlPermissions)0x10)]
    [TestCase((VtlPermissions)0x81)]
    public void Refused(VtlPermissions p) => Assert.That(PermissionRules.Check(p, CapabilityLevel.Full), Is.EqualTo(BindingStatus.InvalidPermissions));

    [Test]
    public void UserOnlyExecuteNeedsAFullExecuteSplit()
    {
        Assert.That(PermissionRules.Check(R | UX, CapabilityLevel.None), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(PermissionRules.Check(R | UX, CapabilityLevel.Approximate), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(PermissionRules.Check(R | KX | UX, CapabilityLevel.None), Is.EqualTo(BindingStatus.Success));
        Assert.That(PermissionRules.Check(R | W, CapabilityLevel.None), Is.EqualTo(BindingStatus.Success));
    }
}
