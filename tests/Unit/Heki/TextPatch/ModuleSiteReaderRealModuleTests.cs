using System;
using System.IO;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki.TextPatch;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>
/// Every real Debian module's jump-label and static-call sites are read from VTL1's relocated
/// view and registered. hv_storvsc is the regression case: its <c>.static_call_sites</c> has
/// alignment 1, so the tail flag must be read from the absolute key address, not from the raw
/// relative field (which made its four CALL sites look like tail sites and the module unpatchable).
/// </summary>
public sealed class ModuleSiteReaderRealModuleTests
{
    private static readonly string[] Modules =
    {
        "af_key.ko", "bfq.ko", "chacha-x86_64.ko", "cordic.ko", "crc-itu-t.ko", "crc16.ko", "crc7.ko", "crc8.ko",
        "hid-hyperv.ko", "hv_balloon.ko", "hv_netvsc.ko", "hv_sock.ko", "hv_storvsc.ko", "hv_utils.ko", "hv_vmbus.ko",
        "hyperv-keyboard.ko", "ipvlan.ko", "libchacha.ko", "pci-hyperv-intf.ko", "uio_hv_generic.ko",
    };

    [TestCaseSource(nameof(Modules))]
    public void SitesOfARealModuleRegister(string module)
    {
        byte[] body = RealModules.Body(module);
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(RealModules.LoadVtl0(body)), FakeKernel.Instance, new NoRewrites(), out ValidatedModule? validated), Is.Zero);
        Assert.That(ModuleSiteReader.Read(validated!, 1, 0, 0, out TextPatchSite[] sites), Is.Zero);
        var call = new PatchTextCall(new SimulatedMachine(new SimulatedMachineOptions()));
        Assert.That(call.AddModule(1, validated!, 0, 0), Is.Zero);
        if (module == "hv_storvsc.ko")
        {
            // readelf -r: four .static_call_sites entries, key __SCT__might_resched + 0 (no TAIL flag).
            Assert.That(Array.FindAll(sites, s => s.Kind == TextPatchSiteKind.StaticCall && !s.Tail), Has.Length.EqualTo(4));
            Assert.That(Array.FindAll(sites, s => s.Tail), Is.Empty);
        }
    }
}
