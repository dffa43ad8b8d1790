using System;
using System.Buffers.Binary;
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

    private static readonly ModMemType[] Types =
    {
        ModMemType.Text, ModMemType.Data, ModMemType.RoData, ModMemType.RoAfterInit, ModMemType.InitText, ModMemType.InitData, ModMemType.InitRoData,
    };

    [Test]
    public void AllTwentyModulesValidateInDependencyOrderWithWxorX()
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 1 });
        var d = new VsmDispatcher(m, new VsmDispatcherOptions
        {
            Vtl1Start = m.Options.Vtl1Base,
            Vtl1End = m.Options.Vtl1Base + m.Options.Vtl1Size,
            LowerVtlRamEnd = m.Options.RamSize,
        });
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
            var bases = new Dictionary<ModMemType, ulong>();
            for (int t = 0; t < Types.Length; t++)
            {
                bases[Types[t]] = 0xFFFF_FFFF_C000_0000 + ((ulong)t * 0x80_0000) + ((ulong)i * 0x4_0000);
            }

            LinuxLoadedModule vtl0 = LinuxModuleLoader.Load(Body(ko), lookup, bases);
            LinuxModuleFinalize.Apply(vtl0, new LinuxModuleFinalizeOptions(), lookup);
            var regions = new List<HekiVtl0Driver.ModuleRegion>();
            foreach (LinuxModuleRegion r in vtl0.Regions.Values)
            {
                regions.Add(new HekiVtl0Driver.ModuleRegion(r.Type, r.Va, r.Bytes));
            }

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

    private static byte[] Body(byte[] file)
    {
        const int markerLength = 28;
        const int sigInfoLength = 12;
        int sigLen = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(file.Length - markerLength - 4));
        return file.AsSpan(0, file.Length - markerLength - sigInfoLength - sigLen).ToArray();
    }
}
