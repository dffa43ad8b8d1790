using System;
using System.Buffers.Binary;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Layout;
using Lvbs.Tests.Unit.Modules.Elf;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>Linux's layout rules as VTL1 applies them, and the refusals of layout and symbol resolution.</summary>
[TestFixture]
public sealed class ModuleLayoutTests
{
    [Test]
    public void SectionsGoWhereLinuxPutsThem()
    {
        byte[] body = RealModules.Body("hv_vmbus.ko");
        ModuleLayout layout = Layout(body, out ElfModule elf);

        Assert.That(TypeOf(elf, body, layout, ".text"), Is.EqualTo(ModMemType.Text));
        Assert.That(TypeOf(elf, body, layout, ".exit.text"), Is.EqualTo(ModMemType.Text)); // CONFIG_MODULE_UNLOAD=y
        Assert.That(TypeOf(elf, body, layout, ".init.text"), Is.EqualTo(ModMemType.InitText));
        Assert.That(TypeOf(elf, body, layout, ".rodata"), Is.EqualTo(ModMemType.RoData));
        Assert.That(TypeOf(elf, body, layout, "__jump_table"), Is.EqualTo(ModMemType.RoAfterInit));
        Assert.That(TypeOf(elf, body, layout, ".data"), Is.EqualTo(ModMemType.Data));
        Assert.That(TypeOf(elf, body, layout, ".bss"), Is.EqualTo(ModMemType.Data));
        Assert.That(layout.IsPlaced(ElfModuleParserTests.Find(elf, body, ".modinfo")), Is.False);
        Assert.That(layout.IsPlaced(ElfModuleParserTests.Find(elf, body, "__versions")), Is.False);
        Assert.That(layout.IsPlaced(ElfModuleParserTests.Find(elf, body, ".comment")), Is.False);
    }

    [TestCaseSource(typeof(RealModules), nameof(RealModules.Names))]
    public void RegionSizesMatchTheLinuxLikeLoader(string name)
    {
        byte[] body = RealModules.Body(name);
        ModuleLayout layout = Layout(body, out _);
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        foreach (ModMemType t in new[] { ModMemType.Text, ModMemType.RoData, ModMemType.RoAfterInit, ModMemType.InitText, ModMemType.InitRoData })
        {
            ulong expected = vtl0.Regions.TryGetValue(t, out LinuxModuleRegion? r) ? r.Size : 0;
            Assert.That(layout.RegionSize(t), Is.EqualTo(expected), t.ToString());
        }

        // VTL0's data regions also hold Linux's kallsyms copy, so they are at least as large.
        Assert.That(vtl0.Regions[ModMemType.Data].Size, Is.GreaterThanOrEqualTo(layout.RegionSize(ModMemType.Data)));
    }

    [Test]
    public void PerCpuDataIsENOTSUP()
    {
        byte[] body = RealModules.Body("hv_netvsc.ko");
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        ElfSectionHeader names = elf!.Section(elf.SectionNameTableIndex);
        int at = body.AsSpan((int)names.Offset, (int)names.Size).IndexOf(".data..read_mostly"u8);
        Assert.That(at, Is.GreaterThan(0));
        ".data..percpu\0"u8.CopyTo(body.AsSpan((int)names.Offset + at));
        Assert.That(ModuleLayout.Compute(body, elf, out ModuleLayout? layout), Is.EqualTo((int)LinuxErrno.ENOTSUP));
        Assert.That(layout, Is.Null);
    }

    [Test]
    public void ModuleWithoutThisModuleSectionIsRefused()
    {
        byte[] body = RealModules.Body("crc7.ko");
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        ElfSectionHeader names = elf!.Section(elf.SectionNameTableIndex);
        int at = body.AsSpan((int)names.Offset, (int)names.Size).IndexOf(".gnu.linkonce.this_module"u8);
        Assert.That(at, Is.GreaterThan(0));
        body[(int)names.Offset + at + 1] = (byte)'G';
        Assert.That(ModuleLayout.Compute(body, elf, out ModuleLayout? layout), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(layout, Is.Null);
    }

    [Test]
    public void HugeNoBitsSectionIsRefusedWithoutAllocating()
    {
        byte[] body = RealModules.Body("crc7.ko");
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int bss = ElfModuleParserTests.Find(elf!, body, ".bss");
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(ElfModuleParserTests.Shdr(body, bss) + 32), 1UL << 40);
        Assert.That(ElfModule.Parse(body, out elf), Is.Zero);
        Assert.That(ModuleLayout.Compute(body, elf!, out _), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void WritableAndExecutableSectionIsRefused()
    {
        byte[] body = RealModules.Body("crc7.ko");
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int text = ElfModuleParserTests.Find(elf!, body, ".text");
        int flags = ElfModuleParserTests.Shdr(body, text) + 8;
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(flags), BinaryPrimitives.ReadUInt64LittleEndian(body.AsSpan(flags)) | ElfConstants.FlagWrite);
        Assert.That(ElfModule.Parse(body, out elf), Is.Zero);
        Assert.That(ModuleLayout.Compute(body, elf!, out ModuleLayout? layout), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(layout, Is.Null);
    }

    [Test]
    public void AlignmentAboveAPageIsRefused()
    {
        byte[] body = RealModules.Body("crc7.ko");
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int text = ElfModuleParserTests.Find(elf!, body, ".text");
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(ElfModuleParserTests.Shdr(body, text) + 48), 8192);
        Assert.That(ElfModule.Parse(body, out elf), Is.Zero);
        Assert.That(ModuleLayout.Compute(body, elf!, out _), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void UnknownRelocationTypeIsENOEXEC()
    {
        (byte[] body, LinuxLoadedModule vtl0) = LoadCrc7();
        ElfRelaAt(body, ".rela.text", 0, out int entry);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(entry + 8), 37); // R_X86_64_IRELATIVE
        Assert.That(Validate(body, vtl0), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void RelocationAgainstASymbolOutsideModuleMemoryIsENOEXEC()
    {
        // A .modinfo symbol has only a temporary-image address in Linux; VTL1 cannot know it.
        (byte[] body, LinuxLoadedModule vtl0) = LoadCrc7();
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int modinfo = ElfModuleParserTests.Find(elf!, body, ".modinfo");
        uint symbol = 0;
        for (int i = 1; i < elf!.SymbolCount && symbol == 0; i++)
        {
            symbol = elf.Symbol(body, i).SectionIndex == modinfo ? (uint)i : 0;
        }

        Assert.That(symbol, Is.Not.Zero);
        ElfRelaAt(body, ".rela.text", 0, out int entry);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(entry + 12), symbol);
        Assert.That(Validate(body, vtl0), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void CommonSymbolIsENOEXEC()
    {
        (byte[] body, LinuxLoadedModule vtl0) = LoadCrc7();
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        ElfSectionHeader symtab = elf!.Section(elf.SymbolTableIndex);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan((int)symtab.Offset + 24 + 6), ElfConstants.SectionCommon);
        Assert.That(Validate(body, vtl0), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void TooManySectionsIsERANGE()
    {
        byte[] body = RealModules.Body("crc7.ko");
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(60), ElfModule.MaxSections + 1);
        Assert.That(ElfModule.Parse(body, out _), Is.EqualTo((int)LinuxErrno.ERANGE));
    }

    private static (byte[] Body, LinuxLoadedModule Vtl0) LoadCrc7()
    {
        byte[] body = RealModules.Body("crc7.ko");
        return (body, RealModules.LoadVtl0(body));
    }

    private static int Validate(byte[] body, LinuxLoadedModule vtl0) =>
        ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, new NoRewrites(), out _);

    private static void ElfRelaAt(byte[] body, string section, int index, out int fileOffset)
    {
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int rela = ElfModuleParserTests.Find(elf!, body, section);
        fileOffset = (int)elf!.Section(rela).Offset + (24 * index);
    }

    private static ModuleLayout Layout(byte[] body, out ElfModule elf)
    {
        Assert.That(ElfModule.Parse(body, out ElfModule? e), Is.Zero);
        Assert.That(ModuleLayout.Compute(body, e!, out ModuleLayout? layout), Is.Zero);
        elf = e!;
        return layout!;
    }

    private static ModMemType TypeOf(ElfModule elf, byte[] body, ModuleLayout layout, string name)
    {
        int i = ElfModuleParserTests.Find(elf, body, name);
        Assert.That(i, Is.GreaterThan(0), name);
        Assert.That(layout.IsPlaced(i), Is.True, name);
        return layout.TypeOf(i);
    }
}
