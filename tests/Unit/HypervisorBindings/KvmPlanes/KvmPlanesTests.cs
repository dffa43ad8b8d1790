using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.KvmPlanes.Backend;
using Lvbs.Hypervisor.KvmPlanes.Definitions;
using Lvbs.Tests.Unit.HypervisorBindings.HyperV;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.KvmPlanes;

/// <summary>Planes uAPI numbers and the capability gate over the Hyper-V backend.</summary>
public class KvmPlanesTests
{
    [Test]
    public void PublishedUapiNumbers()
    {
        Assert.That(KvmIoctl.Io(PlanesUapi2025.CreatePlaneNr), Is.EqualTo(0xAED6u));
        Assert.That(KvmIoctl.Io(PlanesUapi2025.CreateVcpuPlaneNr), Is.EqualTo(0xAED7u));
        Assert.That(KvmIoctl.Io(PlanesUapi2026.CreatePlaneNr), Is.EqualTo(0xAEE4u));
        Assert.That(PlanesUapi2025.ExitPlaneEvent, Is.EqualTo(40));
        Assert.That(PlanesUapi2026.ExitPlaneEvent, Is.EqualTo(44));
        Assert.That(PlanesUapi2026.CapPlanes, Is.EqualTo(249));
        Assert.That(KvmMemoryAttributes.Private, Is.EqualTo(8));
        Assert.That(Unsafe.SizeOf<KvmPlaneEventExit2025>(), Is.EqualTo(80));
        Assert.That((int)Marshal.OffsetOf<KvmPlaneEventExit2025>(nameof(KvmPlaneEventExit2025.Flags)), Is.EqualTo(8));
        Assert.That((int)Marshal.OffsetOf<KvmPlaneEventExit2025>(nameof(KvmPlaneEventExit2025.Extra0)), Is.EqualTo(16));
        Assert.That(Unsafe.SizeOf<KvmPlaneEventExit2026>(), Is.EqualTo(72));
        Assert.That((int)Marshal.OffsetOf<KvmPlaneEventExit2026>(nameof(KvmPlaneEventExit2026.Plane)), Is.EqualTo(4));
        Assert.That((int)Marshal.OffsetOf<KvmPlaneEventExit2026>(nameof(KvmPlaneEventExit2026.Extra0)), Is.EqualTo(8));
    }

    [Test]
    public void GateRefusesWhatPlanesCannotEnforce()
    {
        var port = new RecordingHyperVPort();
        ISecurePlatform p = KvmPlanesPlatform.VsmFlavour(new HyperVPlatform(port, 2, 1UL << 32, 0x8000_0000, 0x8100_0000, true));
        Assert.That(p.Capabilities.Name, Is.EqualTo("kvm-planes"));
        Assert.That(p.Protection.SetLowerVtlPermissions(0x10, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.NotSupported));
        var cr = new InterceptConfiguration { Set = InterceptSet.Cr0Write, Cr0Mask = 0x10000 };
        Assert.That(p.Intercepts.ArmIntercepts(0, cr), Is.EqualTo(BindingStatus.NotSupported));
        var msr = new InterceptConfiguration { Set = InterceptSet.LstarWrite };
        Assert.That(p.Intercepts.ArmIntercepts(0, msr), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(port.Calls, Is.Empty, "nothing reached the hypervisor");

        var dt = new InterceptConfiguration { Set = InterceptSet.GdtrWrite | InterceptSet.IdtrWrite };
        Assert.That(p.Intercepts.ArmIntercepts(0, dt), Is.EqualTo(BindingStatus.Success));
        Assert.That(p.Injection.InjectException(1, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.Success));
        Assert.That(port.Calls, Has.Count.EqualTo(2));
    }
}
