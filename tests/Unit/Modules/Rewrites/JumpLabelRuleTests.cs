using System;
using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>__jump_table: the NOP or the JMP to the entry's target, in the site's size.</summary>
[TestFixture]
public sealed class JumpLabelRuleTests
{
    private const ulong Site = TextVa + 0x40;
    private const ulong Target = TextVa + 0x80;

    /// <summary>One jump_entry {code, target, key} at TableVa.</summary>
    private static byte[] Entry(ulong code, ulong target, ulong key)
    {
        var e = new byte[16];
        BitConverter.GetBytes((int)(long)(code - TableVa)).CopyTo(e, 0);
        BitConverter.GetBytes((int)(long)(target - (TableVa + 4))).CopyTo(e, 4);
        BitConverter.GetBytes((long)(key - (TableVa + 8))).CopyTo(e, 8);
        return e;
    }

    private static FakeSections With(byte[] code, ulong target = Target) => new FakeSections()
        .Text(".text", TextVa, Text(0x40, code))
        .Data("__jump_table", TableVa, Entry(Site, target, DataVa | 2));

    [Test]
    public void Nop5SiteTakesTheJumpToItsTarget()
    {
        FakeSections s = With(new byte[] { 0x0f, 0x1f, 0x44, 0x00, 0x00 });
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, Branch(0xe9, Site, Target)), Is.True);
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.True);
        Assert.That(Accepts(rules, s, Site, Branch(0xe9, Site, Target + 1)), Is.False, "JMP to a target not in the table");
        Assert.That(Accepts(rules, s, Site, 0xeb, (byte)(Target - (Site + 2)), 0x0f, 0x1f, 0x00), Is.False, "JMP8 on a 5-byte site");
        Assert.That(Accepts(rules, s, Site, 0x66, 0x90, 0x0f, 0x1f, 0x00), Is.False, "NOP of the wrong length");
    }

    [Test]
    public void Jmp8SiteTakesTheNop2()
    {
        FakeSections s = With(new byte[] { 0xeb, (byte)(Target - (Site + 2)) });
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x66, 0x90), Is.True);
        Assert.That(Accepts(rules, s, Site, 0xeb, (byte)(Target - (Site + 2))), Is.True);
        Assert.That(Accepts(rules, s, Site, 0xeb, (byte)(Target - (Site + 2) + 1)), Is.False, "another target");
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.False, "a NOP5 over a 2-byte site overwrites the next instruction");
        Assert.That(Accepts(rules, s, Site, 0x90, 0x90), Is.False, "two NOP1s");
    }

    [Test]
    public void TargetOutsideTextIsMalformed()
    {
        FakeSections s = With(new byte[] { 0x66, 0x90 }, target: DataVa);
        Assert.That(new Lvbs.Kernel.Modules.Content.Rewrites.LinuxRewriteSiteRules().Prepare(s, new FakeSymbols()), Is.EqualTo(8));
    }
}
