extern alias core;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Lvbs.Hypervisor.Abstractions;
using NUnit.Framework;
using CoreKernelMap = core::Lvbs.Kernel.Heki.CoreKernel.CoreKernelMap;
using EndOfBootSnapshot = core::Lvbs.Kernel.Heki.CoreKernel.EndOfBootSnapshot;
using KernelSiteScan = core::Lvbs.Kernel.Heki.TextPatch.KernelSiteScan;
using KernelSiteScanner = core::Lvbs.Kernel.Heki.TextPatch.KernelSiteScanner;
using LockedKernelMemory = core::Lvbs.Kernel.Heki.CoreKernel.LockedKernelMemory;
using PageSealTable = core::Lvbs.Kernel.Heki.PageSealTable;
using SealedKernelLayout = core::Lvbs.Kernel.Heki.CoreKernel.SealedKernelLayout;
using SealedPages = core::Lvbs.Kernel.Heki.CoreKernel.SealedPages;
using TextPatchSite = core::Lvbs.Kernel.Heki.TextPatch.TextPatchSite;
using TextPatchSiteKind = core::Lvbs.Kernel.Heki.TextPatch.TextPatchSiteKind;

namespace Lvbs.Tests.Image.CoreKernel;

/// <summary>
/// The core-kernel site scan on the real Debian 6.1 cloud kernel (the pinned package the Linux
/// guest uses, fetched with apt-get download on a fresh machine): the bzImage payload is
/// LZ4-decompressed, its vmlinux is laid out in a physical memory image at its load addresses,
/// and PROTECT_MEMORY's view is built as Linux leaves the kernel after boot (mark_rodata_ro,
/// free_initmem): text sealed R+X+IMMUTABLE, .rodata … .BTF_ids sealed R+IMMUTABLE, data and the
/// freed init region RW. VTL1's layout (<see cref="SealedKernelLayout"/>) over that view must
/// find the same <c>__jump_table</c> and <c>.static_call_sites</c> as a reference scan over the
/// section headers (which know init text), and every entry must be what Linux's tables hold:
/// jump-label NOP2/NOP5/JMP8/JMP32 to the entry's target, static calls to a <c>__SCT__</c>
/// trampoline. (The vmlinux has no separate sections for these tables: x86 puts
/// RO_AFTER_INIT_DATA inside .rodata; module-signatures.md §5.3.)
/// </summary>
[TestFixture]
public sealed class RealVmlinuxSiteScanTests
{
    private const ulong StartKernelMap = 0xFFFF_FFFF_8000_0000;

    private VmlinuxImage _vmlinux = null!;

    [OneTimeSetUp]
    public async Task Decompress() => _vmlinux = await DebianVmlinux.GetAsync();

    [Test]
    public void ThePayloadIsAStrippedVmlinuxWithSectionHeaders()
    {
        Assert.That(_vmlinux.AppendedSize, Is.EqualTo(_vmlinux.Elf.Length), "size_append trailer");
        Assert.That(_vmlinux.HasSymbolTable, Is.False);
        Assert.That(_vmlinux.Section(".text").Address, Is.EqualTo(0xFFFF_FFFF_8100_0000UL));
        Assert.That(_vmlinux.Section(".rodata").Size, Is.GreaterThan(1UL << 20));
        Assert.That(_vmlinux.Sections.Exists(s => s.Name is "__jump_table" or ".static_call_sites"), Is.False,
            "the tables sit inside .rodata, not in sections of their own");
    }

    [Test]
    public void TheSealedLayoutFindsTheSameTablesAsTheSectionHeaders()
    {
        VmlinuxSection rodata = _vmlinux.Section(".rodata");
        ReadOnlySpan<byte> ro = _vmlinux.At(rodata.Address, (int)rodata.Size);
        (SealedPages pages, _) = Seal();
        var layout = new SealedKernelLayout(pages);

        Assert.That(KernelSiteScanner.Scan(ro, rodata.Address, layout, out KernelSiteScan scan), Is.Zero);
        Assert.That(KernelSiteScanner.Scan(ro, rodata.Address, new SectionLayout(_vmlinux), out KernelSiteScan reference), Is.Zero);
        TestContext.Out.WriteLine($"__jump_table 0x{scan.JumpTableVa:x} {scan.JumpEntries} entries; .static_call_sites 0x{scan.StaticCallSitesVa:x} {scan.StaticCallSites} sites; {scan.Sites.Length} registered");

        Assert.Multiple(() =>
        {
            Assert.That(scan.JumpTableVa, Is.EqualTo(reference.JumpTableVa));
            Assert.That(scan.JumpEntries, Is.EqualTo(reference.JumpEntries));
            Assert.That(scan.StaticCallSitesVa, Is.EqualTo(reference.StaticCallSitesVa));
            Assert.That(scan.StaticCallSites, Is.EqualTo(reference.StaticCallSites));
            Assert.That(scan.JumpTableVa % 8, Is.Zero, "JUMP_TABLE_DATA is ALIGN(8)");
            Assert.That(scan.StaticCallSitesVa, Is.EqualTo(scan.JumpTableVa + ((ulong)scan.JumpEntries * 16)), "STATIC_CALL_DATA follows JUMP_TABLE_DATA");
            Assert.That(rodata.Contains(scan.JumpTableVa) && rodata.Contains(scan.StaticCallSitesVa + ((ulong)scan.StaticCallSites * 8) - 1), Is.True);
            Assert.That(scan.JumpEntries, Is.GreaterThan(1000));
            Assert.That(scan.StaticCallSites, Is.GreaterThan(1000));
        });
    }

    [Test]
    public void EveryEntryIsALinuxSiteAndOnlyInitEntriesAreLeftOut()
    {
        VmlinuxSection rodata = _vmlinux.Section(".rodata");
        ReadOnlySpan<byte> ro = _vmlinux.At(rodata.Address, (int)rodata.Size);
        (SealedPages pages, _) = Seal();
        Assert.That(KernelSiteScanner.Scan(ro, rodata.Address, new SealedKernelLayout(pages), out KernelSiteScan scan), Is.Zero);

        // Independently of the scanner: decode each table entry and classify its code address by section.
        int initJumps = 0;
        var kinds = new Dictionary<string, int>();
        for (int i = 0; i < scan.JumpEntries; i++)
        {
            ulong entry = scan.JumpTableVa + ((ulong)i * 16);
            ulong code = Rel32(entry);
            ulong target = Rel32(entry + 4);
            VmlinuxSection at = SectionOf(code);
            Assert.That(at.IsExec && SectionOf(target).IsExec, Is.True, "jump entry " + i);
            if (at.Name != ".text")
            {
                initJumps++;
                continue;
            }

            string kind = JumpKind(code, target);
            Assert.That(kind, Is.Not.EqualTo("?"), $"jump entry {i} at 0x{code:x}");
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        int initCalls = 0;
        int tails = 0;
        for (int i = 0; i < scan.StaticCallSites; i++)
        {
            ulong entry = scan.StaticCallSitesVa + ((ulong)i * 8);
            ulong addr = Rel32(entry);
            bool tail = (BinaryPrimitives.ReadInt32LittleEndian(_vmlinux.At(entry + 4, 4)) & 1) != 0;
            if (SectionOf(addr).Name != ".text")
            {
                initCalls++;
                continue;
            }

            ReadOnlySpan<byte> insn = _vmlinux.At(addr, 5);
            Assert.That(insn[0], Is.EqualTo(tail ? (byte)0xE9 : (byte)0xE8), $"static call {i} at 0x{addr:x}");
            ulong trampoline = addr + 5 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(insn.Slice(1));
            Assert.That(_vmlinux.At(trampoline + 5, 3).ToArray(), Is.EqualTo(new byte[] { 0x0F, 0xB9, 0xCC }), $"static call {i} → __SCT__ trampoline");
            tails += tail ? 1 : 0;
        }

        // After the sites: .static_call_tramp_key, {trampoline, key} entries.
        int trampKeys = 0;
        for (ulong e = scan.StaticCallSitesVa + ((ulong)scan.StaticCallSites * 8); rodata.Contains(e + 7); e += 8, trampKeys++)
        {
            ulong t = Rel32(e);
            if (!SectionOf(t).IsExec || !_vmlinux.At(t + 5, 3).SequenceEqual(new byte[] { 0x0F, 0xB9, 0xCC }))
            {
                break;
            }
        }

        TestContext.Out.WriteLine($"jump labels in .text: {string.Join(", ", kinds)}; in init/exit text: {initJumps}; static calls: {scan.StaticCallSites - initCalls} in .text ({tails} tail), {initCalls} in init text; tramp_key entries: {trampKeys}");
        Assert.Multiple(() =>
        {
            Assert.That(scan.Sites.Length, Is.EqualTo(scan.JumpEntries - initJumps + scan.StaticCallSites - initCalls));
            Assert.That(Array.FindAll(scan.Sites, s => s.Kind == TextPatchSiteKind.StaticCall && s.Tail), Has.Length.EqualTo(tails));
            Assert.That(Array.TrueForAll(scan.Sites, s => SectionOf(s.Va).Name == ".text" && s.Owner == TextPatchSite.CoreOwner), Is.True);
            Assert.That(trampKeys, Is.GreaterThan(0), ".static_call_tramp_key follows the sites");
            Assert.That(initJumps, Is.GreaterThan(0), "init-text entries are interleaved in the sorted table");
        });
    }

    [Test]
    public void LockedMemoryReadsSealedRodataAndTextOnly()
    {
        (SealedPages pages, _) = Seal();
        var locked = new LockedKernelMemory(pages, new EndOfBootSnapshot());
        VmlinuxSection text = _vmlinux.Section(".text");
        VmlinuxSection data = _vmlinux.Section(".data");
        VmlinuxSection init = _vmlinux.Section(".init.text");
        byte[] b = new byte[64];
        Assert.Multiple(() =>
        {
            Assert.That(locked.TryRead(text.Address + 0x1234, b), Is.True);
            Assert.That(b, Is.EqualTo(_vmlinux.At(text.Address + 0x1234, 64).ToArray()));
            Assert.That(locked.TryRead(_vmlinux.Section("__ksymtab").Address, b), Is.True);
            Assert.That(locked.TryRead(data.Address, b), Is.False, ".data stays writable");
            Assert.That(locked.TryRead(init.Address, b), Is.False, "freed init text");
            Assert.That(locked.TryRead(data.Address - 32, b), Is.False, "a read crossing into writable data");
        });
    }

    /// <summary>The seals and map PROTECT_MEMORY would hold after heki_late_init on this kernel.</summary>
    private (SealedPages Pages, PageMemory Memory) Seal()
    {
        ulong rodataStart = _vmlinux.Section(".rodata").Address;
        ulong dataStart = _vmlinux.Section(".data").Address;
        ulong end = 0;
        foreach (VmlinuxSection s in _vmlinux.Sections)
        {
            if ((s.Flags & VmlinuxSection.Alloc) != 0 && s.Address >= StartKernelMap)
            {
                end = Math.Max(end, s.Address + s.Size);
            }
        }

        end = (end + 0xFFF) & ~0xFFFUL;
        var memory = new PageMemory(end - StartKernelMap);
        foreach (VmlinuxSection s in _vmlinux.Sections)
        {
            if ((s.Flags & VmlinuxSection.Alloc) != 0 && s.Type != VmlinuxSection.NoBits && s.Address >= StartKernelMap)
            {
                _vmlinux.Elf.AsSpan((int)s.Offset, (int)s.Size).CopyTo(memory.Bytes.AsSpan((int)(s.Address - StartKernelMap)));
            }
        }

        var seals = new PageSealTable((end - StartKernelMap) >> 12);
        var map = new CoreKernelMap();
        ulong first = _vmlinux.Section(".text").Address;
        for (ulong va = first; va < end; va += 0x1000)
        {
            ulong pfn = (va - StartKernelMap) >> 12;
            // Before .rodata: text (the text/rodata gap is freed, left RW); .rodata up to .data: read-only
            // after mark_rodata_ro; the rest (data, freed init, bss) writable.
            bool isText = va < rodataStart && SectionOfOrNull(va) is { IsExec: true };
            bool readOnly = va >= rodataStart && va < dataStart;
            VtlPermissions p = isText ? VtlPermissions.Read | VtlPermissions.KernelExecute
                : readOnly ? VtlPermissions.Read : VtlPermissions.Read | VtlPermissions.Write;
            seals.Commit(pfn, p, immutable: isText || readOnly);
            map.Record(va, pfn << 12, (pfn + 1) << 12);
        }

        map.Freeze();
        return (new SealedPages(map, seals, memory), memory);
    }

    private ulong Rel32(ulong va) => va + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(_vmlinux.At(va, 4));

    private VmlinuxSection SectionOf(ulong va) => SectionOfOrNull(va) ?? throw new InvalidDataException("0x" + va.ToString("x") + " is in no section");

    private VmlinuxSection? SectionOfOrNull(ulong va) =>
        _vmlinux.Sections.Find(s => (s.Flags & VmlinuxSection.Alloc) != 0 && s.Address >= StartKernelMap && s.Contains(va));

    private string JumpKind(ulong code, ulong target)
    {
        ReadOnlySpan<byte> b = _vmlinux.At(code, 5);
        if (b[0] == 0x66 && b[1] == 0x90)
        {
            return "NOP2";
        }

        if (b.SequenceEqual(new byte[] { 0x0F, 0x1F, 0x44, 0x00, 0x00 }))
        {
            return "NOP5";
        }

        if (b[0] == 0xEB && code + 2 + (ulong)(long)(sbyte)b[1] == target)
        {
            return "JMP8";
        }

        if (b[0] == 0xE9 && code + 5 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(b.Slice(1)) == target)
        {
            return "JMP32";
        }

        return "?";
    }

    /// <summary>Reference layout from the section headers: every executable section is text (init included).</summary>
    private sealed class SectionLayout : core::Lvbs.Kernel.Heki.TextPatch.IKernelTextLayout
    {
        private readonly VmlinuxImage _image;

        public SectionLayout(VmlinuxImage image) => _image = image;

        public bool IsText(ulong va) => Find(va) is { IsExec: true };

        public bool IsInitText(ulong va) => Find(va) is { IsExec: true } s && s.Name != ".text";

        public bool IsData(ulong va) => Find(va) is { IsExec: false };

        public bool TryReadText(ulong va, Span<byte> destination)
        {
            if (Find(va) is not { IsExec: true })
            {
                return false;
            }

            _image.At(va, destination.Length).CopyTo(destination);
            return true;
        }

        private VmlinuxSection? Find(ulong va) =>
            _image.Sections.Find(s => (s.Flags & VmlinuxSection.Alloc) != 0 && s.Address >= StartKernelMap && s.Contains(va));
    }

    /// <summary>Physical memory holding the kernel image at PA = VA − __START_KERNEL_map.</summary>
    private sealed class PageMemory : IGuestMemory
    {
        public PageMemory(ulong size) => Bytes = new byte[size];

        public byte[] Bytes { get; }

        public BindingStatus Read(ulong gpa, Span<byte> destination)
        {
            if (gpa > (ulong)Bytes.Length || (ulong)destination.Length > (ulong)Bytes.Length - gpa)
            {
                return BindingStatus.OutOfRange;
            }

            Bytes.AsSpan((int)gpa, destination.Length).CopyTo(destination);
            return BindingStatus.Success;
        }

        public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source) => BindingStatus.AccessDenied;
    }
}
