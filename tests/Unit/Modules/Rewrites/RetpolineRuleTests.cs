using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>.retpoline_sites: the thunk call, <c>call/jmp *%reg</c> (+ lfence) with Linux's NOP padding, nothing else.</summary>
[TestFixture]
public sealed class RetpolineRuleTests
{
    private const ulong Site = TextVa + 0x10;

    private static (LinuxRewriteSiteRulesHolder, FakeSections) Setup(byte[] insn)
    {
        var s = new FakeSections()
            .Text(".text", TextVa, Text(0x10, insn))
            .Data(".retpoline_sites", TableVa, Prel32(TableVa, Site));
        return (new LinuxRewriteSiteRulesHolder(Prepared(s)), s);
    }

    [Test]
    public void CallThunkRaxAcceptsTheLinuxForms()
    {
        (var r, FakeSections s) = Setup(Branch(0xe8, Site, FakeSymbols.ThunkRax));
        Assert.That(Accepts(r.Rules, s, Site, Branch(0xe8, Site, FakeSymbols.ThunkRax)), Is.True, "retpoline mode: unchanged");
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd0, 0x0f, 0x1f, 0x00), Is.True, "call *%rax + NOP3");
        Assert.That(Accepts(r.Rules, s, Site, 0x0f, 0xae, 0xe8, 0xff, 0xd0), Is.True, "lfence; call *%rax");
    }

    [Test]
    public void CallThunkRaxRefusesNearMisses()
    {
        (var r, FakeSections s) = Setup(Branch(0xe8, Site, FakeSymbols.ThunkRax));
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd1, 0x0f, 0x1f, 0x00), Is.False, "wrong register");
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xe0, 0x0f, 0x1f, 0x00), Is.False, "jmp instead of call");
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd0, 0x90, 0x90, 0x90), Is.False, "NOPs not optimised as Linux does");
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd0, 0x0f, 0x1f, 0x40), Is.False, "wrong NOP");
        Assert.That(Accepts(r.Rules, s, Site, Branch(0xe8, Site, FakeSymbols.ThunkRcx)), Is.False, "call to another thunk");
        Assert.That(Accepts(r.Rules, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction)), Is.False, "call to another address");
    }

    [Test]
    public void TheByteAfterAFiveByteSiteMustStayTheReference()
    {
        // The window covers 6 bytes (a Jcc site would); the 6th belongs to the next instruction.
        (var r, FakeSections s) = Setup(Branch(0xe8, Site, FakeSymbols.ThunkRax));
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd0, 0x0f, 0x1f, 0x00, 0xcc), Is.True);
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd0, 0x0f, 0x1f, 0x00, 0x90), Is.False);
    }

    [Test]
    public void HighRegisterGetsRexAndNoLfenceWhenItDoesNotFit()
    {
        (var r, FakeSections s) = Setup(Branch(0xe9, Site, FakeSymbols.ThunkR11));
        Assert.That(Accepts(r.Rules, s, Site, 0x41, 0xff, 0xe3, 0x66, 0x90), Is.True, "jmp *%r11 + NOP2");
        Assert.That(Accepts(r.Rules, s, Site, 0x0f, 0xae, 0xe8, 0x41, 0xff, 0xe3), Is.False, "6 bytes over a 5-byte site");
        Assert.That(Accepts(r.Rules, s, Site, 0x41, 0xff, 0xd3, 0x66, 0x90), Is.False, "call for a jmp site");
    }

    [Test]
    public void ConditionalThunkJumpBecomesInvertedJccOverJmp()
    {
        byte[] jcc = B(0x0f, 0x84, new byte[4]);
        System.BitConverter.GetBytes(unchecked((int)(long)(FakeSymbols.ThunkRax - (Site + 6)))).CopyTo(jcc, 2);
        (var r, FakeSections s) = Setup(jcc);
        Assert.That(Accepts(r.Rules, s, Site, 0x75, 0x04, 0xff, 0xe0, 0x66, 0x90), Is.True, "jne +4; jmp *%rax; NOP2");
        Assert.That(Accepts(r.Rules, s, Site, 0x74, 0x04, 0xff, 0xe0, 0x66, 0x90), Is.False, "condition not inverted");
    }

    [Test]
    public void ASiteThatIsNotAThunkCallIsOnlyItself()
    {
        (var r, FakeSections s) = Setup(Branch(0xe8, Site, FakeSymbols.CoreFunction));
        Assert.That(Accepts(r.Rules, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction)), Is.True);
        Assert.That(Accepts(r.Rules, s, Site, 0xff, 0xd0, 0x0f, 0x1f, 0x00), Is.False);
    }
}

/// <summary>Holds prepared rules (tuple-friendly).</summary>
internal sealed class LinuxRewriteSiteRulesHolder
{
    public LinuxRewriteSiteRulesHolder(Lvbs.Kernel.Modules.Content.Rewrites.LinuxRewriteSiteRules rules) => Rules = rules;

    public Lvbs.Kernel.Modules.Content.Rewrites.LinuxRewriteSiteRules Rules { get; }
}
