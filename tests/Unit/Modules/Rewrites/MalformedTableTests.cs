using System;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Content.Rewrites;
using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>Malformed site tables are ENOEXEC and leave no windows; windows are merged, sorted and disjoint.</summary>
[TestFixture]
public sealed class MalformedTableTests
{
    private static int Prepare(FakeSections s)
    {
        var rules = new LinuxRewriteSiteRules();
        int status = rules.Prepare(s, new FakeSymbols());
        if (status != 0)
        {
            Assert.That(rules.WindowCount, Is.Zero);
        }

        return status;
    }

    private static FakeSections Base() => new FakeSections().Text(".text", TextVa, Text(0));

    [TestCase(".retpoline_sites", 5)]
    [TestCase(".return_sites", 6)]
    [TestCase(".smp_locks", 3)]
    [TestCase("__mcount_loc", 12)]
    [TestCase("__jump_table", 24)]
    [TestCase(".static_call_sites", 12)]
    [TestCase(".altinstructions", 13)]
    [TestCase(".parainstructions", 20)]
    public void TableSizeNotAMultipleOfTheEntryIsMalformed(string table, int size)
    {
        Assert.That(Prepare(Base().Data(table, TableVa, new byte[size])), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [TestCase(".retpoline_sites")]
    [TestCase(".return_sites")]
    [TestCase(".smp_locks")]
    public void Prel32SiteOutsideTextIsMalformed(string table)
    {
        Assert.That(Prepare(Base().Data(table, TableVa, Prel32(TableVa, DataVa))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(Prepare(Base().Data(table, TableVa, Prel32(TableVa, TextVa + TextSize - 1))), Is.EqualTo(table == ".smp_locks" ? 0 : (int)LinuxErrno.ENOEXEC), "site running off the end of text");
    }

    [Test]
    public void McountSiteOutsideTextIsMalformed()
    {
        Assert.That(Prepare(Base().Data("__mcount_loc", TableVa, Abs64(DataVa))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    private static byte[] AltEntry(ulong instr, ulong repl, int instrLen, int replLen, int cpuid = 0x97)
    {
        var t = new byte[12];
        BitConverter.GetBytes((int)(long)(instr - TableVa)).CopyTo(t, 0);
        BitConverter.GetBytes((int)(long)(repl - (TableVa + 4))).CopyTo(t, 4);
        BitConverter.GetBytes((ushort)cpuid).CopyTo(t, 8);
        t[10] = (byte)instrLen;
        t[11] = (byte)replLen;
        return t;
    }

    [Test]
    public void AlternativeWithBadLengthsOrReplacementIsMalformed()
    {
        FakeSections With(byte[] entry) => Base().Text(".altinstr_replacement", ReplacementVa, new byte[8]).Data(".altinstructions", TableVa, entry);
        Assert.That(Prepare(With(AltEntry(TextVa, ReplacementVa, 5, 4))), Is.Zero, "control");
        Assert.That(Prepare(With(AltEntry(TextVa, ReplacementVa, 4, 5))), Is.EqualTo((int)LinuxErrno.ENOEXEC), "replacement longer than the site");
        Assert.That(Prepare(With(AltEntry(TextVa, ReplacementVa + 6, 5, 4))), Is.EqualTo((int)LinuxErrno.ENOEXEC), "replacement past .altinstr_replacement");
        Assert.That(Prepare(With(AltEntry(TextVa, DataVa, 5, 4))), Is.EqualTo((int)LinuxErrno.ENOEXEC), "replacement elsewhere");
        Assert.That(Prepare(With(AltEntry(TextVa, ReplacementVa, 255, 4))), Is.EqualTo((int)LinuxErrno.ENOEXEC), "longer than MAX_PATCH_LEN");
        Assert.That(Prepare(With(AltEntry(TextVa + TextSize - 2, ReplacementVa, 5, 4))), Is.EqualTo((int)LinuxErrno.ENOEXEC), "site off the end of text");
        Assert.That(Prepare(With(AltEntry(TextVa, ReplacementVa, 5, 4, 0x7fff))), Is.EqualTo((int)LinuxErrno.ENOEXEC), "feature number out of range");
    }

    [Test]
    public void ParavirtSiteTooLongOrOutsideTextIsMalformed()
    {
        byte[] Entry(ulong instr, int len)
        {
            var t = new byte[16];
            BitConverter.GetBytes(instr).CopyTo(t, 0);
            t[8] = 1;
            t[9] = (byte)len;
            return t;
        }

        Assert.That(Prepare(Base().Data(".parainstructions", TableVa, Entry(TextVa, 6))), Is.Zero, "control");
        Assert.That(Prepare(Base().Data(".parainstructions", TableVa, Entry(TextVa, 255))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(Prepare(Base().Data(".parainstructions", TableVa, Entry(DataVa, 6))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void TooManySitesInOneWindowIsMalformed()
    {
        ulong[] eight = Enumerable.Repeat(TextVa, 8).ToArray();
        Assert.That(Prepare(Base().Data(".smp_locks", TableVa, Prel32(TableVa, eight))), Is.Zero);
        ulong[] nine = Enumerable.Repeat(TextVa, 9).ToArray();
        Assert.That(Prepare(Base().Data(".smp_locks", TableVa, Prel32(TableVa, nine))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void WindowsAreMergedSortedAndDisjoint()
    {
        // Return sites at 0x40 and 0x10, an overlapping lock at 0x12, a lone lock at 0x30.
        FakeSections s = Base()
            .Data(".return_sites", TableVa, Prel32(TableVa, TextVa + 0x40, TextVa + 0x10))
            .Data(".smp_locks", TableVa + 0x100, Prel32(TableVa + 0x100, TextVa + 0x12, TextVa + 0x30));
        var rules = Prepared(s);
        Assert.That(rules.WindowCount, Is.EqualTo(3));
        Assert.That(rules.GetWindow(0).Va, Is.EqualTo(TextVa + 0x10));
        Assert.That(rules.GetWindow(0).Length, Is.EqualTo(5));
        Assert.That(rules.GetWindow(1).Va, Is.EqualTo(TextVa + 0x30));
        Assert.That(rules.GetWindow(2).Va, Is.EqualTo(TextVa + 0x40));
    }

    [Test]
    public void AcceptRefusesAWrongIndexOrLength()
    {
        FakeSections s = Base().Data(".smp_locks", TableVa, Prel32(TableVa, TextVa));
        var rules = Prepared(s);
        Assert.That(rules.Accept(1, new byte[] { 0xcc }, new byte[] { 0xcc }), Is.False);
        Assert.That(rules.Accept(-1, new byte[] { 0xcc }, new byte[] { 0xcc }), Is.False);
        Assert.That(rules.Accept(0, new byte[] { 0xcc, 0xcc }, new byte[] { 0xcc, 0xcc }), Is.False);
    }

    [Test]
    public void AModuleWithoutTablesHasNoWindows()
    {
        var rules = Prepared(Base());
        Assert.That(rules.WindowCount, Is.Zero);
    }
}
