using System;
using System.Collections.Generic;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Kernel.Modules.Elf;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>license_is_gpl_compatible and reading a module's license from its <c>.modinfo</c>.</summary>
[TestFixture]
public sealed class ModuleLicenseTests
{
    private static IEnumerable<string> Modules => RealModules.Names;

    [TestCase("GPL")]
    [TestCase("GPL v2")]
    [TestCase("GPL and additional rights")]
    [TestCase("Dual BSD/GPL")]
    [TestCase("Dual MIT/GPL")]
    [TestCase("Dual MPL/GPL")]
    public void LinuxGplCompatibleLicensesAreAccepted(string license)
    {
        Assert.That(ModuleLicense.IsGplCompatible(Encoding.ASCII.GetBytes(license)), Is.True);
    }

    [TestCase("GPL v3")]
    [TestCase("gpl")]
    [TestCase("GPLv2")]
    [TestCase("GPL ")]
    [TestCase(" GPL")]
    [TestCase("GPL\0")]
    [TestCase("Dual BSD/GPL v2")]
    [TestCase("Dual GPL/BSD")]
    [TestCase("BSD")]
    [TestCase("MIT")]
    [TestCase("Proprietary")]
    [TestCase("unspecified")]
    [TestCase("")]
    public void NearMissesAreNotGplCompatible(string license)
    {
        Assert.That(ModuleLicense.IsGplCompatible(Encoding.ASCII.GetBytes(license)), Is.False);
    }

    [TestCaseSource(nameof(Modules))]
    public void EveryDebianModuleIsGplCompatible(string name)
    {
        byte[] body = RealModules.Body(name);
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        Assert.That(ModuleLicense.Read(body, elf!, out bool gpl), Is.Zero);
        Assert.That(gpl, Is.True);
    }

    [TestCase("license=Proprietary\0", false)]
    [TestCase("license=GPL v2\0", true)]
    [TestCase("name=crc7\0license=Dual MIT/GPL\0", true)]
    [TestCase("name=crc7\0", false)]
    [TestCase("", false)]
    [TestCase("license=\0", false)]
    public void LicenseIsReadFromModinfo(string modinfo, bool expected)
    {
        byte[] body = ModInfoPatch.With(RealModules.Body("crc7.ko"), modinfo);
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        Assert.That(ModuleLicense.Read(body, elf!, out bool gpl), Is.Zero);
        Assert.That(gpl, Is.EqualTo(expected));
    }

    [Test]
    public void ModuleWithoutModinfoIsNotGplCompatible()
    {
        // Rename the section: find_sec no longer sees .modinfo, so the license is "unspecified".
        byte[] body = ModInfoPatch.RenameSection(RealModules.Body("crc7.ko"), ".modinfo", ".modinfX");
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        Assert.That(ModuleLicense.Read(body, elf!, out bool gpl), Is.Zero);
        Assert.That(gpl, Is.False);
    }

    [Test]
    public void UnterminatedModinfoIsENOEXEC()
    {
        byte[] body = ModInfoPatch.With(RealModules.Body("crc7.ko"), "license=GPL\0");
        (int offset, int size) = ModInfoPatch.Section(body);
        body[offset + size - 1] = (byte)'x';
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        Assert.That(ModuleLicense.Read(body, elf!, out bool gpl), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(gpl, Is.False);
    }
}

/// <summary>Rewrites the <c>.modinfo</c> of a module body (the section keeps its size; the rest is zero padding).</summary>
internal static class ModInfoPatch
{
    /// <summary>File offset and size of <c>.modinfo</c>, found with the kernel's ELF parser.</summary>
    public static (int Offset, int Size) Section(byte[] body)
    {
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int index = elf!.FindSection(body, ".modinfo"u8, ElfConstants.FlagAlloc);
        Assert.That(index, Is.GreaterThan(0));
        ElfSectionHeader s = elf.Section(index);
        return ((int)s.Offset, (int)s.Size);
    }

    /// <summary>A copy of <paramref name="body"/> whose <c>.modinfo</c> holds exactly <paramref name="entries"/>, zero-padded.</summary>
    public static byte[] With(byte[] body, string entries)
    {
        byte[] copy = (byte[])body.Clone();
        (int offset, int size) = Section(copy);
        byte[] text = Encoding.ASCII.GetBytes(entries);
        Assert.That(text.Length, Is.LessThanOrEqualTo(size));
        Array.Clear(copy, offset, size);
        text.CopyTo(copy, offset);
        return copy;
    }

    /// <summary>A copy of <paramref name="body"/> with the section name <paramref name="from"/> changed to <paramref name="to"/> (same length).</summary>
    public static byte[] RenameSection(byte[] body, string from, string to)
    {
        Assert.That(to.Length, Is.EqualTo(from.Length));
        byte[] copy = (byte[])body.Clone();
        Assert.That(ElfModule.Parse(copy, out ElfModule? elf), Is.Zero);
        int index = elf!.FindSection(copy, Encoding.ASCII.GetBytes(from), 0);
        Assert.That(index, Is.GreaterThan(0));
        ElfSectionHeader names = elf.Section(elf.SectionNameTableIndex);
        int at = (int)names.Offset + (int)elf.Section(index).Name;
        Encoding.ASCII.GetBytes(to).CopyTo(copy, at);
        return copy;
    }
}
