using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.CoreKernel;
using Lvbs.Kernel.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// Core-kernel PATCH_TEXT sites through the simulated platform: the kernel's jump table and
/// static-call sites sit in its sealed .rodata, LOAD_KDATA sends that .rodata, heki_late_init
/// seals text and rodata, and at the end of boot VTL1 registers exactly those sites. Linux's
/// text_poke_bp of a core static key then passes; other addresses, other targets, tables VTL1
/// cannot check against sealed memory are refused.
/// </summary>
public class CoreKernelPatchTextFlowTests
{
    private const int Jumps = 24;
    private const int Calls = 6;
    private const ulong TablesVa = SimulatedKernelImage.RodataVa + 0x10_0238;
    private const ulong KeyBase = 0xFFFF_FFFF_8300_0000;

    private static ulong JumpCode(int i) => SimulatedKernelImage.TextVa + 0x30_0000 + ((ulong)i * 0x40);

    private static ulong JumpTarget(int i) => JumpCode(i) + 0x20;

    private static ulong CallSite(int i) => SimulatedKernelImage.TextVa + 0x31_0000 + ((ulong)i * 0x40);

    private sealed record Rig(SimulatedMachine Machine, VsmDispatcher Dispatcher, HekiVtl0Driver Driver, SimulatedSealedKernel Core,
        Dictionary<ulong, ulong> Placed, List<ulong> Trampolines, ulong Ring)
    {
        public List<string> Log => LogRingReader.Read(Machine, Ring);

        public ulong PaOf(ulong va) => Placed[va & ~0xFFFUL] + (va & 0xFFF);

        public byte[] Text(ulong va, int length)
        {
            byte[] b = new byte[length];
            Assert.That(Machine.Memory.Read(PaOf(va), b), Is.EqualTo(Lvbs.Hypervisor.Abstractions.BindingStatus.Success));
            return b;
        }
    }

    private static Rig Boot(ulong? tablesAttributes = null, bool substituteTables = false)
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 1 });
        VsmDispatcher d = SimulatedLinuxModules.NewDispatcher(m);
        m.Vtl1 = d;
        var driver = new HekiVtl0Driver(m, 0x20_0000, 40UL << 20);
        Assert.That(driver.AllocateRingbuffer(4, out ulong ring), Is.Zero);
        SimulatedKernelImage kernel = SimulatedKernelImage.Build(DebianKernelExports.Names);
        var calls = new Dictionary<ulong, ulong>();
        var trampolines = new List<ulong>();
        foreach (string name in kernel.Exports)
        {
            if (name.StartsWith("__SCT__", StringComparison.Ordinal))
            {
                calls[kernel.AddressOf(name)] = SimulatedKernelImage.TextVa + 0x50_0000 + ((ulong)trampolines.Count * 0x40);
                trampolines.Add(kernel.AddressOf(name));
            }
        }

        SimulatedSealedKernel core = SimulatedSealedKernel.Build(kernel, new Dictionary<int, ulong>(), calls);
        var jumpList = new List<(ulong, ulong, ulong)>();
        for (int i = 0; i < Jumps; i++)
        {
            jumpList.Add((JumpCode(i), JumpTarget(i), KeyBase + ((ulong)(i / 4) * 0x10)));
        }

        var callList = new List<(ulong, ulong, ulong)>();
        for (int i = 0; i < Calls; i++)
        {
            callList.Add((CallSite(i), trampolines[i % 2], KeyBase + 0x1000 + ((ulong)(i % 2) * 0x10)));
        }

        core.AddSiteTables(TablesVa, jumpList, callList);
        if (tablesAttributes is ulong attributes)
        {
            core.PageOf(TablesVa).Attributes = attributes;
        }

        Assert.That(driver.ProtectCoreKernel(core, out Dictionary<ulong, ulong> placed), Is.Zero);
        byte[]? substitute = null;
        if (substituteTables)
        {
            // VTL0 sends a .rodata whose jump table has one more entry than the sealed one.
            substitute = new byte[0x1000];
            core.Tables.CopyTo(substitute, (int)(TablesVa & 0xFFF));
            ulong extra = TablesVa + (Jumps * 16);
            int o = (int)(extra & 0xFFF);
            Array.Copy(substitute, o, substitute, o + 16, substitute.Length - o - 16);
            BinaryPrimitives.WriteInt32LittleEndian(substitute.AsSpan(o), (int)unchecked((long)(CallSite(0) - extra)));
            BinaryPrimitives.WriteInt32LittleEndian(substitute.AsSpan(o + 4), (int)unchecked((long)(JumpTarget(0) - (extra + 4))));
            BinaryPrimitives.WriteInt64LittleEndian(substitute.AsSpan(o + 8), (long)(KeyBase - (extra + 8)));
        }

        Assert.That(driver.LoadKdataWithTables(kernel, HekiTestData.DebianCert, core, placed, substitute), Is.Zero);
        Assert.That(driver.SignalEndOfBoot(), Is.Zero);
        return new Rig(m, d, driver, core, placed, trampolines, ring);
    }

    private static byte[] Jmp32(ulong at, ulong to)
    {
        byte[] b = { 0xE9, 0, 0, 0, 0 };
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(1), (int)unchecked((long)(to - (at + 5))));
        return b;
    }

    [Test]
    public void CoreSitesAreRegisteredAtEndOfBootAndAStaticKeyFlipsThroughVtl1()
    {
        Rig r = Boot();
        Assert.That(r.Dispatcher.CoreKernel.SiteStatus, Is.Zero);
        Assert.That(r.Dispatcher.CoreKernel.Scan.JumpTableVa, Is.EqualTo(TablesVa));
        Assert.That(r.Dispatcher.CoreKernel.Scan.JumpEntries, Is.EqualTo(Jumps));
        Assert.That(r.Dispatcher.CoreKernel.Scan.StaticCallSites, Is.EqualTo(Calls));
        Assert.That(r.Dispatcher.TextPatching.Sites.Count, Is.EqualTo(Jumps + Calls));
        Assert.That(r.Log, Has.Member($"core sites registered jump_entries={Jumps} static_calls={Calls}"));

        // static_key_enable: NOP5 → jmp target, then back.
        for (int i = 0; i < 4; i++)
        {
            Assert.That(r.Driver.TextPokeBp(JumpCode(i), Jmp32(JumpCode(i), JumpTarget(i)), r.PaOf), Is.Zero, "enable " + i);
            Assert.That(r.Text(JumpCode(i), 5), Is.EqualTo(Jmp32(JumpCode(i), JumpTarget(i))));
        }

        Assert.That(r.Driver.TextPokeBp(JumpCode(0), new byte[] { 0x0F, 0x1F, 0x44, 0x00, 0x00 }, r.PaOf), Is.Zero, "disable");

        // A static call set to NULL (NOP5) is one of its legal forms.
        Assert.That(r.Driver.TextPokeBp(CallSite(0), new byte[] { 0x0F, 0x1F, 0x44, 0x00, 0x00 }, r.PaOf), Is.Zero);
    }

    [Test]
    public void OtherAddressesAndOtherTargetsAreRefused()
    {
        Rig r = Boot();
        ulong notASite = JumpCode(0) + 8;
        Assert.That(r.Driver.TextPokeBp(notASite, Jmp32(notASite, JumpTarget(0)), r.PaOf), Is.EqualTo(-(long)LinuxErrno.ENOENT));
        Assert.That(r.Driver.TextPokeBp(JumpCode(1), Jmp32(JumpCode(1), JumpTarget(1) + 0x100), r.PaOf), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(r.Text(JumpCode(1), 5), Is.EqualTo(new byte[] { 0xCC, 0x1F, 0x44, 0x00, 0x00 }), "the refused body left the site as it was after INT3 only");
    }

    [Test]
    public void TablesInMemoryVtl0CanStillWriteAreNotRegistered()
    {
        Rig r = Boot(tablesAttributes: (ulong)(MemAttr.Read | MemAttr.Write));
        Assert.That(r.Dispatcher.CoreKernel.SiteStatus, Is.EqualTo((int)LinuxErrno.EACCES));
        Assert.That(r.Dispatcher.TextPatching.Sites.Count, Is.Zero);
        Assert.That(r.Log, Has.Member($"core sites not registered errno={(int)LinuxErrno.EACCES}"));
        Assert.That(r.Driver.TextPokeBp(JumpCode(0), Jmp32(JumpCode(0), JumpTarget(0)), r.PaOf), Is.EqualTo(-(long)LinuxErrno.ENOENT));
    }

    [Test]
    public void KernelDataThatDiffersFromTheSealedRodataIsNotRegistered()
    {
        Rig r = Boot(substituteTables: true);
        Assert.That(r.Dispatcher.CoreKernel.SiteStatus, Is.EqualTo((int)LinuxErrno.EACCES));
        Assert.That(r.Dispatcher.TextPatching.Sites.Count, Is.Zero);
        Assert.That(r.Driver.TextPokeBp(CallSite(0), Jmp32(CallSite(0), JumpTarget(0)), r.PaOf), Is.EqualTo(-(long)LinuxErrno.ENOENT));
    }
}
