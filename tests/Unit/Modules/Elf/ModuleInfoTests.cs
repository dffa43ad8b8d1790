using System;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Elf;

/// <summary>The <c>.modinfo</c> reader: get_modinfo's matching rules, and malformed sections refused.</summary>
[TestFixture]
public sealed class ModuleInfoTests
{
    private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

    private static (int Status, bool Found, string Value) Find(string section, string tag)
    {
        int status = ModuleInfo.Find(Bytes(section), Bytes(tag), out bool found, out ReadOnlySpan<byte> value);
        return (status, found, Encoding.ASCII.GetString(value));
    }

    [Test]
    public void FindsTheValueOfATag()
    {
        Assert.That(Find("name=crc7\0license=GPL\0vermagic=6.1.0 SMP\0", "license"), Is.EqualTo((0, true, "GPL")));
        Assert.That(Find("name=crc7\0license=GPL\0vermagic=6.1.0 SMP\0", "vermagic"), Is.EqualTo((0, true, "6.1.0 SMP")));
        Assert.That(Find("license=Dual BSD/GPL\0", "license"), Is.EqualTo((0, true, "Dual BSD/GPL")));
    }

    [Test]
    public void FirstEntryWinsAsInGetModinfo()
    {
        Assert.That(Find("license=Proprietary\0license=GPL\0", "license"), Is.EqualTo((0, true, "Proprietary")));
        Assert.That(Find("license=GPL\0license=Proprietary\0", "license"), Is.EqualTo((0, true, "GPL")));
    }

    [Test]
    public void ZeroPaddingBetweenAndBeforeEntriesIsSkipped()
    {
        Assert.That(Find("\0\0\0name=x\0\0\0\0\0license=GPL v2\0\0", "license"), Is.EqualTo((0, true, "GPL v2")));
    }

    [Test]
    public void OnlyTheWholeTagFollowedByEqualsMatches()
    {
        // "licenses=" and "xlicense=" are other tags; "license" without '=' is not an entry.
        Assert.That(Find("licenses=GPL\0xlicense=GPL\0license\0", "license"), Is.EqualTo((0, false, "")));
        Assert.That(Find("licenses=MIT\0license=GPL\0", "license"), Is.EqualTo((0, true, "GPL")));
    }

    [Test]
    public void ValueMayBeEmptyOrContainEquals()
    {
        Assert.That(Find("license=\0", "license"), Is.EqualTo((0, true, "")));
        Assert.That(Find("parm=a=b\0", "parm"), Is.EqualTo((0, true, "a=b")));
    }

    [Test]
    public void MissingTagOrEmptySectionIsNotFound()
    {
        Assert.That(Find("name=crc7\0", "license"), Is.EqualTo((0, false, "")));
        Assert.That(Find("", "license"), Is.EqualTo((0, false, "")));
        Assert.That(Find("\0\0\0\0", "license"), Is.EqualTo((0, false, "")));
    }

    [Test]
    public void SectionWithoutFinalNulIsENOEXEC()
    {
        // The unterminated last string would run past the section.
        Assert.That(Find("name=crc7\0license=GPL", "license"), Is.EqualTo(((int)LinuxErrno.ENOEXEC, false, "")));
        Assert.That(Find("license=GPL\0x", "license"), Is.EqualTo(((int)LinuxErrno.ENOEXEC, false, "")));
        Assert.That(ModuleInfo.Check(Bytes("a")), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void OverLongSectionIsENOEXEC()
    {
        byte[] section = new byte[ModuleInfo.MaxSectionSize + 1];
        Bytes("license=GPL").CopyTo(section, 0);
        Assert.That(ModuleInfo.Find(section, "license"u8, out bool found, out ReadOnlySpan<byte> value), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(found, Is.False);
        Assert.That(value.IsEmpty, Is.True);

        // Exactly the limit is accepted.
        Assert.That(ModuleInfo.Find(section.AsSpan(0, ModuleInfo.MaxSectionSize), "license"u8, out found, out value), Is.Zero);
        Assert.That(found, Is.True);
        Assert.That(Encoding.ASCII.GetString(value), Is.EqualTo("GPL"));
    }

    [Test]
    public void MalformedTagIsENOEXEC()
    {
        Assert.That(Find("license=GPL\0", ""), Is.EqualTo(((int)LinuxErrno.ENOEXEC, false, "")));
        Assert.That(Find("a=b=c\0", "a=b"), Is.EqualTo(((int)LinuxErrno.ENOEXEC, false, "")));
        Assert.That(Find("license=GPL\0", "lic\0"), Is.EqualTo(((int)LinuxErrno.ENOEXEC, false, "")));
    }

    private static System.Collections.Generic.IEnumerable<string> Modules => RealModules.Names;

    [TestCaseSource(nameof(Modules))]
    public void RealModuleModinfoHasALicense(string name)
    {
        byte[] body = RealModules.Body(name);
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        int index = elf!.FindSection(body, ModuleInfo.SectionName, ElfConstants.FlagAlloc);
        Assert.That(index, Is.GreaterThan(0));
        Assert.That(ModuleInfo.Find(elf.SectionBytes(body, index), "license"u8, out bool found, out ReadOnlySpan<byte> license), Is.Zero);
        Assert.That(found, Is.True);
        Assert.That(license.IsEmpty, Is.False);
    }
}
