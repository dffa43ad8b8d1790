using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>.return_sites, __mcount_loc and .smp_locks.</summary>
[TestFixture]
public sealed class ReturnFtraceLockRuleTests
{
    private const ulong Site = TextVa + 0x20;

    private static FakeSections With(string table, byte[] entries, byte[] code) =>
        new FakeSections().Text(".text", TextVa, Text(0x20, code)).Data(table, TableVa, entries);

    [Test]
    public void ReturnThunkSiteAcceptsThunksAndRetInt3Only()
    {
        FakeSections s = With(".return_sites", Prel32(TableVa, Site), Branch(0xe9, Site, FakeSymbols.ReturnThunk));
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, Branch(0xe9, Site, FakeSymbols.ReturnThunk)), Is.True);
        Assert.That(Accepts(rules, s, Site, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc), Is.True, "no RETHUNK: ret; int3");
        Assert.That(Accepts(rules, s, Site, Branch(0xe9, Site, FakeSymbols.SrsoThunk)), Is.True, "SRSO thunk");
        Assert.That(Accepts(rules, s, Site, Branch(0xe9, Site, FakeSymbols.CoreFunction)), Is.False, "jmp elsewhere");
        Assert.That(Accepts(rules, s, Site, 0xc3, 0x90, 0x90, 0x90, 0x90), Is.False, "ret padded with NOPs");
        Assert.That(Accepts(rules, s, Site, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc, 0x90), Is.False, "byte after the site changed");
    }

    [Test]
    public void FentryCallBecomesNop5Only()
    {
        FakeSections s = With("__mcount_loc", Abs64(Site), Branch(0xe8, Site, FakeSymbols.Fentry));
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.True);
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, FakeSymbols.Fentry)), Is.True, "ftrace disabled");
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x1f, 0x40, 0x00, 0x90), Is.False, "NOP4 + NOP1");
        Assert.That(Accepts(rules, s, Site, 0x66, 0x0f, 0x1f, 0x44, 0x00), Is.False, "wrong NOP");
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction)), Is.False, "call to a tracer");
    }

    [Test]
    public void McountEntryThatIsNotAFentryCallStaysAsItIs()
    {
        FakeSections s = With("__mcount_loc", Abs64(Site), Branch(0xe8, Site, FakeSymbols.CoreFunction));
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.False);
    }

    [Test]
    public void LockPrefixMayBecomeDsOnly()
    {
        FakeSections s = With(".smp_locks", Prel32(TableVa, Site), new byte[] { 0xf0, 0x0f, 0xb1, 0x17 });
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x3e), Is.True);
        Assert.That(Accepts(rules, s, Site, 0xf0), Is.True);
        Assert.That(Accepts(rules, s, Site, 0x2e), Is.False);
        Assert.That(Accepts(rules, s, Site, 0x90), Is.False);
    }

    [Test]
    public void ALockEntryOverANonLockByteAllowsNothingElse()
    {
        FakeSections s = With(".smp_locks", Prel32(TableVa, Site), new byte[] { 0x48, 0x0f, 0xb1, 0x17 });
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x3e), Is.False);
    }
}
