using System;
using System.Buffers.Binary;
using System.Collections.Generic;
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
/// PATCH_TEXT end to end (lvbs-abi.md §1.2, §3): the simulated VTL0 loads hv_vmbus and hv_netvsc
/// the way Linux does, VTL1 validates them (and takes each module's patch sites from its own
/// relocation of the signed <c>__jump_table</c>), then VTL0 flips static keys with
/// <c>text_poke_bp</c> through the LVBS hook while the module text stays read-only for it.
/// </summary>
public class TextPatchFlowTests
{
    private SimulatedMachine _machine = null!;
    private VsmDispatcher _kernel = null!;
    private HekiVtl0Driver _driver = null!;
    private LinuxLoadedModule _netvsc = null!;
    private HekiVtl0Driver.PlacedModule _placed = null!;

    [SetUp]
    public void LoadModules()
    {
        _machine = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 1 });
        _kernel = SimulatedLinuxModules.NewDispatcher(_machine);
        _machine.Vtl1 = _kernel;
        _kernel.ModuleValidation.Admission = new LinuxModuleAdmission(_kernel.Keyring, () => new LinuxRewriteSiteRules());
        _driver = new HekiVtl0Driver(_machine, 0x20_0000, 40UL << 20);
        Assert.That(_driver.LoadKdata(SimulatedKernelImage.Build(DebianKernelExports.Names), HekiTestData.DebianCert), Is.Zero);
        Load("hv_vmbus", 0, out _, out _);
        Load("hv_netvsc", 1, out _netvsc, out _placed);
    }

    [Test]
    public void StaticKeyEnableAndDisableRewriteEverySiteThroughVtl1()
    {
        IReadOnlyList<ulong> keys = HekiVtl0Driver.JumpKeys(_netvsc);
        Assert.That(keys, Is.Not.Empty);
        int before = _kernel.TextPatching.Sites.Count;
        ulong textPa = _placed.RegionPa[ModMemType.Text];
        byte[] original = ReadText(textPa, (int)_placed.RegionSize[ModMemType.Text]);

        // Each key's state at load is read from its first site; every key is switched to the other state.
        var initial = new Dictionary<ulong, bool>();
        foreach (LinuxJumpEntry e in LinuxJumpEntry.Read(_netvsc))
        {
            if (!initial.ContainsKey(e.Key))
            {
                initial[e.Key] = e.KeyEnabled(ReadText(_placed.PaOf(e.Code), 2));
            }
        }

        int sites = 0;
        foreach (ulong key in keys)
        {
            long n = _driver.SetModuleJumpKey(_netvsc, _placed, key, enabled: !initial[key]);
            Assert.That(n, Is.GreaterThan(0), "switch key 0x" + key.ToString("x"));
            sites += (int)n;
        }

        Assert.That(sites, Is.EqualTo(LinuxJumpEntry.Read(_netvsc).Count), "every site changes");
        Assert.That(_kernel.TextPatching.Applied, Is.EqualTo((ulong)(3 * sites)));
        foreach (LinuxJumpEntry e in LinuxJumpEntry.Read(_netvsc))
        {
            byte[] now = ReadText(_placed.PaOf(e.Code), 5);
            byte[] wanted = e.Instruction(now, !initial[e.Key]);
            Assert.That(now.AsSpan(0, wanted.Length).SequenceEqual(wanted), Is.True, "site 0x" + e.Code.ToString("x"));
        }

        // The text is still read-only for VTL0 and still executable.
        Assert.That(_machine.Vtl0(0).Write(textPa, new byte[] { 0x90 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_machine.Vtl0(0).Execute(textPa, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Completed));

        foreach (ulong key in keys)
        {
            Assert.That(_driver.SetModuleJumpKey(_netvsc, _placed, key, enabled: initial[key]), Is.GreaterThan(0));
        }

        Assert.That(ReadText(textPa, original.Length), Is.EqualTo(original), "switching every key back restores the loaded text");
        Assert.That(_kernel.TextPatching.Refused, Is.Zero);
        Assert.That(_kernel.TextPatching.Sites.Count, Is.EqualTo(before));
    }

    [Test]
    public void AJumpToAnotherTargetIsRefusedAtTheBodyStep()
    {
        LinuxJumpEntry e = FirstEntry(length: 5);
        byte[] current = ReadText(_placed.PaOf(e.Code), 5);
        byte[] jmp = e.Instruction(current, enabled: !e.Branch); // the JMP form
        BinaryPrimitives.WriteInt32LittleEndian(jmp.AsSpan(1), BinaryPrimitives.ReadInt32LittleEndian(jmp.AsSpan(1)) + 0x10);

        Assert.That(_driver.TextPokeBp(e.Code, jmp, _placed.PaOf), Is.EqualTo(-(long)LinuxErrno.EACCES));
        byte[] now = ReadText(_placed.PaOf(e.Code), 5);
        Assert.That(now[0], Is.EqualTo(0xCC), "only step 1 (INT3) was accepted");
        Assert.That(now.AsSpan(1).SequenceEqual(current.AsSpan(1)), Is.True, "the refused body wrote nothing");
        Assert.That(_kernel.TextPatching.Refused, Is.EqualTo(1UL));
    }

    [Test]
    public void PatchesOutsideSitesOrAfterUnloadAreRefused()
    {
        ulong textVa = _placed.RegionVa[ModMemType.Text];
        byte first = ReadText(_placed.RegionPa[ModMemType.Text], 1)[0];
        Assert.That(_driver.PatchText(textVa, new byte[] { 0xCC }, _placed.PaOf), Is.EqualTo(-(long)LinuxErrno.ENOENT), "a function entry is no site");

        LinuxJumpEntry e = FirstEntry(length: 5);
        Assert.That(_driver.UnloadModule(1), Is.Zero);
        Assert.That(_driver.PatchText(e.Code, new byte[] { 0xCC }, _placed.PaOf), Is.EqualTo(-(long)LinuxErrno.ENOENT), "sites go with the module");
        Assert.That(ReadText(_placed.RegionPa[ModMemType.Text], 1)[0], Is.EqualTo(first));
    }

    private LinuxJumpEntry FirstEntry(int length)
    {
        foreach (LinuxJumpEntry e in LinuxJumpEntry.Read(_netvsc))
        {
            byte[] current = ReadText(_placed.PaOf(e.Code), 5);
            if (e.Instruction(current, true).Length == length && !e.Init)
            {
                return e;
            }
        }

        throw new AssertionException("hv_netvsc has a " + length + "-byte jump label");
    }

    private byte[] ReadText(ulong pa, int length)
    {
        byte[] b = new byte[length];
        Assert.That(_machine.Vtl0(0).Read(pa, b), Is.EqualTo(Vtl0Outcome.Completed));
        return b;
    }

    private void Load(string name, int index, out LinuxLoadedModule vtl0, out HekiVtl0Driver.PlacedModule placed)
    {
        byte[] ko = HekiTestData.Read("modules/" + name + ".ko");
        Func<string, ulong?> lookup = n => _kernel.Modules.TryResolve(Encoding.ASCII.GetBytes(n), out ulong a) ? a : null;
        vtl0 = SimulatedLinuxModules.Load(ko, index, lookup, new LinuxModuleFinalizeOptions());
        List<HekiVtl0Driver.ModuleRegion> regions = SimulatedLinuxModules.Regions(vtl0);
        Assert.That(_driver.ValidateModule(ko, regions, out HekiVtl0Driver.PlacedModule? p), Is.EqualTo((long)index), name);
        placed = p!;
    }
}
