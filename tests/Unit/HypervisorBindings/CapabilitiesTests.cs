using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

public class CapabilitiesTests
{
    [Test]
    public void CountMatchesEnum()
    {
        Assert.That(System.Enum.GetValues<Capability>(), Has.Length.EqualTo(BackendCapabilities.Count));
    }

    [Test]
    public void RowMustHaveOneCellPerCapability()
    {
        Assert.Throws<System.ArgumentException>(() => _ = new BackendCapabilities("x", new CapabilityCell[3]));
    }

    [Test]
    public void RequireComparesLevels()
    {
        BackendCapabilities s = SimulatedCapabilities.Descriptor;
        Assert.That(s.Require(Capability.ControlRegisterPinning, CapabilityLevel.Full), Is.EqualTo(BindingStatus.Success));
        Assert.That(s.Require(Capability.AsyncEntry, CapabilityLevel.Full), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(s.Require(Capability.AsyncEntry, CapabilityLevel.Approximate), Is.EqualTo(BindingStatus.Success));
        Assert.That(s.Get((Capability)99).Level, Is.EqualTo(CapabilityLevel.None));
    }
}
