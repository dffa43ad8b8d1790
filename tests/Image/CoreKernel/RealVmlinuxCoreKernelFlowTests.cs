extern alias core;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading.Tasks;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using NUnit.Framework;
using KernelSiteScan = core::Lvbs.Kernel.Heki.TextPatch.KernelSiteScan;
using TextPatchSite = core::Lvbs.Kernel.Heki.TextPatch.TextPatchSite;
using TextPatchSiteKind = core::Lvbs.Kernel.Heki.TextPatch.TextPatchSiteKind;
using VsmDispatcher = core::Lvbs.Kernel.Heki.VsmDispatcher;
using VsmDispatcherOptions = core::Lvbs.Kernel.Heki.VsmDispatcherOptions;

namespace Lvbs.Tests.Image.CoreKernel;

/// <summary>
/// The real Debian vmlinux as the simulated VTL0 kernel, end to end through the VSM dispatcher:
/// the image sits at its physical load address, heki_late_init protects every page of it with
/// the permissions Linux leaves after boot (text R+X+IMMUTABLE, .rodata … .BTF_ids
/// R+IMMUTABLE, the rest RW), LOAD_KDATA sends its real ksymtab bounds and all of .rodata from
/// the sealed pages, and SIGNAL_END_OF_BOOT makes VTL1 register the core sites. Then real jump
/// labels flip through PATCH_TEXT, a static call takes the return0 form (its target resolved from
/// the real ksymtab), and the locked view reads sealed exported core bytes and pv_ops, which this
/// kernel keeps in writable .data, from the copy taken at the end of boot.
/// </summary>
[TestFixture]
public sealed class RealVmlinuxCoreKernelFlowTests
{
    private const ulong StartKernelMap = 0xFFFF_FFFF_8000_0000;
    private static readonly byte[] Nop5 = { 0x0F, 0x1F, 0x44, 0x00, 0x00 };

    private VmlinuxImage _vmlinux = null!;
    private SimulatedMachine _machine = null!;
    private VsmDispatcher _dispatcher = null!;
    private HekiVtl0Driver _driver = null!;

    [OneTimeSetUp]
    public async Task BootTheRealKernelImage()
    {
        _vmlinux = await DebianVmlinux.GetAsync();
        _machine = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 1, RamSize = 256UL << 20, Vtl1Base = 224UL << 20, Vtl1Size = 16UL << 20 });
        _dispatcher = new VsmDispatcher(_machine, new VsmDispatcherOptions
        {
            Vtl1Start = _machine.Options.Vtl1Base,
            Vtl1End = _machine.Options.Vtl1Base + _machine.Options.Vtl1Size,
            LowerVtlRamEnd = _machine.Options.RamSize,
        });
        _machine.Vtl1 = _dispatcher;
        _driver = new HekiVtl0Driver(_machine, 128UL << 20, 64UL << 20);

        ulong textStart = _vmlinux.Section(".text").Address;
        ulong rodataStart = _vmlinux.Section(".rodata").Address;
        ulong dataStart = _vmlinux.Section(".data").Address;
        ulong end = 0;
        foreach (VmlinuxSection s in _vmlinux.Sections)
        {
            if ((s.Flags & VmlinuxSection.Alloc) != 0 && s.Address >= StartKernelMap)
            {
                end = Math.Max(end, s.Address + s.Size);
                if (s.Type != VmlinuxSection.NoBits)
                {
                    Assert.That(_machine.Memory.Write(s.Address - StartKernelMap, _vmlinux.Elf.AsSpan((int)s.Offset, (int)s.Size)), Is.EqualTo(BindingStatus.Success), s.Name);
                }
            }
        }

        end = (end + 0xFFF) & ~0xFFFUL;
        var protect = new List<HekiRange>();
        for (ulong va = textStart; va < end; va += 0x1000)
        {
            bool text = va < rodataStart && _vmlinux.Sections.Exists(s => s.IsExec && s.Contains(va));
            bool readOnly = va >= rodataStart && va < dataStart;
            MemAttr attributes = text ? MemAttr.Read | MemAttr.Exec | MemAttr.Immutable
                : readOnly ? MemAttr.Read | MemAttr.Immutable : MemAttr.Read | MemAttr.Write;
            protect.Add(new HekiRange { Va = va, Pa = va - StartKernelMap, Epa = va - StartKernelMap + 0x1000, Attributes = (ulong)attributes });
        }

        Assert.That(_driver.ProtectMemory(protect.ToArray()), Is.Zero);

        byte[] kinfo = new byte[HekiKernelInfo.Size];
        new HekiKernelInfo
        {
            KsymtabStart = _vmlinux.Section("__ksymtab").Address,
            KsymtabEnd = _vmlinux.Section("__ksymtab").Address + _vmlinux.Section("__ksymtab").Size,
            KsymtabGplStart = _vmlinux.Section("__ksymtab_gpl").Address,
            KsymtabGplEnd = _vmlinux.Section("__ksymtab_gpl").Address + _vmlinux.Section("__ksymtab_gpl").Size,
        }.Write(kinfo);
        var kdata = new List<HekiRange>();
        ulong kinfoPa = _driver.Place(kinfo);
        kdata.Add(new HekiRange { Va = HekiVtl0Driver.DirectMapBase + kinfoPa, Pa = kinfoPa, Epa = kinfoPa + (ulong)kinfo.Length, Attributes = (ulong)HekiKdataType.KernelInfo });
        for (ulong va = rodataStart; va < dataStart; va += 0x1000)
        {
            kdata.Add(new HekiRange { Va = va, Pa = va - StartKernelMap, Epa = va - StartKernelMap + 0x1000, Attributes = (ulong)HekiKdataType.KernelData });
        }

        Assert.That(_driver.LoadKdata(kdata.ToArray()), Is.Zero);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(_driver.SignalEndOfBoot(), Is.Zero);
        TestContext.Progress.WriteLine($"SIGNAL_END_OF_BOOT with the core-site registration: {clock.Elapsed.TotalMilliseconds:F0} ms (hosted)");
    }

    private static ulong PaOf(ulong va) => va - StartKernelMap;

    private byte[] Text(ulong va, int length)
    {
        byte[] b = new byte[length];
        Assert.That(_machine.Memory.Read(PaOf(va), b), Is.EqualTo(BindingStatus.Success));
        return b;
    }

    [Test]
    public void EndOfBootRegistersEveryCoreSiteOutsideInitText()
    {
        KernelSiteScan scan = _dispatcher.CoreKernel.Scan;
        TestContext.Out.WriteLine($"site status {_dispatcher.CoreKernel.SiteStatus}; __jump_table 0x{scan.JumpTableVa:x} {scan.JumpEntries}; .static_call_sites 0x{scan.StaticCallSitesVa:x} {scan.StaticCallSites}; registered {_dispatcher.TextPatching.Sites.Count}; text pages mapped {_dispatcher.TextPatching.Sites.PageCount}");
        Assert.Multiple(() =>
        {
            Assert.That(_dispatcher.CoreKernel.SiteStatus, Is.Zero);
            Assert.That(scan.JumpEntries, Is.GreaterThan(1000));
            Assert.That(scan.StaticCallSites, Is.GreaterThan(1000));
            Assert.That(_dispatcher.TextPatching.Sites.Count, Is.EqualTo(scan.Sites.Length));
            Assert.That(_dispatcher.TextPatching.Sites.PageCount, Is.EqualTo((int)(((_vmlinux.Section(".text").Size + 0xFFF) & ~0xFFFUL) >> 12)), "every sealed .text page is mapped for PATCH_TEXT");
        });
    }

    [Test]
    public void RealStaticKeysFlipThroughVtl1AndOtherBytesAreRefused()
    {
        TextPatchSite nop5 = Find(s => s.Kind == TextPatchSiteKind.JumpLabel && Text(s.Va, 5).AsSpan().SequenceEqual(Nop5));
        TextPatchSite nop2 = Find(s => s.Kind == TextPatchSiteKind.JumpLabel && Text(s.Va, 2) is [0x66, 0x90]);
        byte[] jmp32 = Rel32(0xE9, nop5.Va, nop5.Target);
        byte[] jmp8 = { 0xEB, (byte)(sbyte)(long)(nop2.Target - (nop2.Va + 2)) };

        Assert.That(_driver.TextPokeBp(nop5.Va, jmp32, PaOf), Is.Zero);
        Assert.That(Text(nop5.Va, 5), Is.EqualTo(jmp32));
        Assert.That(_driver.TextPokeBp(nop5.Va, Nop5, PaOf), Is.Zero);
        Assert.That(_driver.TextPokeBp(nop2.Va, jmp8, PaOf), Is.Zero);
        Assert.That(Text(nop2.Va, 2), Is.EqualTo(jmp8));
        Assert.That(_driver.TextPokeBp(nop2.Va, new byte[] { 0x66, 0x90 }, PaOf), Is.Zero);

        ulong notASite = nop5.Va + 16;
        Assert.That(_driver.TextPokeBp(notASite, Nop5, PaOf), Is.EqualTo(-(long)LinuxErrno.ENOENT));
    }

    [Test]
    public void ARealStaticCallTakesTheReturn0FormResolvedFromTheRealKsymtab()
    {
        Assert.That(_dispatcher.KernelData.Symbols!.TryResolve("__static_call_return0"u8, out ulong return0), Is.True);
        TextPatchSite call = Find(s => s.Kind == TextPatchSiteKind.StaticCall && !s.Tail);
        byte[] before = Text(call.Va, 5);
        Assert.That(_driver.TextPokeBp(call.Va, new byte[] { 0x2E, 0x2E, 0x2E, 0x31, 0xC0 }, PaOf), Is.Zero, $"return0 at 0x{return0:x}");
        Assert.That(_driver.TextPokeBp(call.Va, before, PaOf), Is.Zero, "back to the boot-time call");
        Assert.That(_driver.TextPokeBp(call.Va, Rel32(0xE8, call.Va, return0 + 0x40), PaOf), Is.EqualTo(-(long)LinuxErrno.EACCES));
    }

    [Test]
    public void LockedMemoryReadsRealExportedCoreValues()
    {
        var symbols = _dispatcher.KernelData.Symbols!;
        Assert.That(symbols.TryResolve("__SCT__preempt_schedule"u8, out ulong trampoline), Is.True);
        Assert.That(symbols.TryResolve("pv_ops"u8, out ulong pvOps), Is.True);
        byte[] t = new byte[8];
        byte[] slot = new byte[8];
        Assert.Multiple(() =>
        {
            Assert.That(_dispatcher.ModuleValidation.LockedKernelMemory!.TryRead(trampoline, t), Is.True);
            Assert.That(t.AsSpan(5).ToArray(), Is.EqualTo(new byte[] { 0x0F, 0xB9, 0xCC }), "a __SCT__ trampoline");
            Assert.That(symbols.TryResolve("__static_call_return0"u8, out ulong return0) && _vmlinux.Section(".text").Contains(return0), Is.True);
            Assert.That(_dispatcher.ModuleValidation.LockedKernelMemory!.TryRead(return0, slot), Is.True);
            Assert.That(slot, Is.EqualTo(_vmlinux.At(return0, 8).ToArray()));

            // Debian 6.1 keeps pv_ops in writable .data (not __ro_after_init): VTL0 can still
            // change it after boot, so the view serves the copy taken at the end of boot.
            Assert.That(_vmlinux.Section(".data").Contains(pvOps), Is.True, "pv_ops is in .data");
            Assert.That(_dispatcher.CoreKernel.PvOps.Va, Is.EqualTo(pvOps));
            Assert.That(_dispatcher.ModuleValidation.LockedKernelMemory!.TryRead(pvOps + 8, slot), Is.True);
            Assert.That(slot, Is.EqualTo(_vmlinux.At(pvOps + 8, 8).ToArray()), "the slot as it was at the end of boot");
        });
    }

    private TextPatchSite Find(Predicate<TextPatchSite> match)
    {
        TextPatchSite[] sites = _dispatcher.CoreKernel.Scan.Sites;
        int i = Array.FindIndex(sites, match);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), "no such site");
        return sites[i];
    }

    private static byte[] Rel32(byte opcode, ulong at, ulong to)
    {
        byte[] b = { opcode, 0, 0, 0, 0 };
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(1), (int)unchecked((long)(to - (at + 5))));
        return b;
    }
}
