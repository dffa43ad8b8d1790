using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Modules.Content.Rewrites;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// The 20 Debian-signed modules loaded by the simulated VTL0 the way Linux does (H2's loader,
/// H3's module_finalize) and validated through VALIDATE_MODULE with the real admission (Debian
/// signature, re-relocation, rewrite rules), in dependency order: module-to-module symbols
/// resolve through the exports of modules VTL1 admitted earlier.
/// </summary>
public class RealModulesFlowTests
{
    /// <summary>Dependency order: every module's providers come before it.</summary>
    public static readonly string[] Order =
    {
        "hv_vmbus", "pci-hyperv-intf", "libchacha", "crc16", "crc7", "crc8", "crc-itu-t", "cordic", "chacha-x86_64",
        "hv_balloon", "hv_utils", "hv_netvsc", "hv_storvsc", "hv_sock", "hid-hyperv", "hyperv-keyboard", "uio_hv_generic",
        "af_key", "bfq", "ipvlan",
    };

    [Test]
    public void AllTwentyModulesValidateInDependencyOrderWithWxorX()
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 1 });
        VsmDispatcher d = SimulatedLinuxModules.NewDispatcher(m);
        m.Vtl1 = d;
        d.ModuleValidation.Admission = new LinuxModuleAdmission(d.Keyring, () => new LinuxRewriteSiteRules());
        var driver = new HekiVtl0Driver(m, 0x20_0000, 40UL << 20);
        SimulatedKernelImage kernel = SimulatedKernelImage.Build(DebianKernelExports.Names);
        Assert.That(driver.LoadKdata(kernel, HekiTestData.DebianCert), Is.Zero);

        // VTL0's own symbol lookup: its kernel, then modules it loaded (read here from VTL1's
        // registry for brevity; VTL1 resolves independently from its own copies).
        Func<string, ulong?> lookup = name => d.Modules.TryResolve(Encoding.ASCII.GetBytes(name), out ulong a) ? a : null;
        var tokens = new List<long>();
        var texts = new List<ulong>();
        for (int i = 0; i < Order.Length; i++)
        {
            byte[] ko = HekiTestData.Read("modules/" + Order[i] + ".ko");
            LinuxLoadedModule vtl0 = SimulatedLinuxModules.Load(ko, i, lookup, new LinuxModuleFinalizeOptions());
            List<HekiVtl0Driver.ModuleRegion> regions = SimulatedLinuxModules.Regions(vtl0);
            long token = driver.ValidateModule(ko, regions, out HekiVtl0Driver.PlacedModule? placed);
            Assert.That(token, Is.EqualTo((long)i), Order[i]);
            tokens.Add(token);
            texts.Add(placed!.RegionPa[ModMemType.Text]);
        }

        Assert.That(d.Modules.Count, Is.EqualTo(20));
        Assert.That(d.ModuleValidation.Refused, Is.Zero);
        foreach (ulong text in texts)
        {
            Assert.That(m.Vtl0(0).Execute(text, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Completed));
            Assert.That(m.Vtl0(0).Write(text, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
        }

        // Unloading hv_vmbus makes its exports unknown to modules validated afterwards.
        Assert.That(driver.UnloadModule(tokens[0]), Is.Zero);
        Assert.That(d.Modules.TryResolve("vmbus_driver_unregister"u8, out _), Is.False);
    }
}
