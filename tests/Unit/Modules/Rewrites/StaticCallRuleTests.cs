using System;
using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>.static_call_sites: the trampoline call, or the key's function when VTL1 can know it.</summary>
[TestFixture]
public sealed class StaticCallRuleTests
{
    private const ulong Site = TextVa + 0x30;
    private const ulong ModuleTrampoline = TextVa + 0xc0;
    private const ulong ModuleFunction = TextVa + 0xd0;
    private const ulong ModuleKey = DataVa + 0x10;

    private static byte[] SiteEntry(ulong site, ulong keyWithFlags)
    {
        var e = new byte[8];
        BitConverter.GetBytes((int)(long)(site - TableVa)).CopyTo(e, 0);
        BitConverter.GetBytes((int)(long)(keyWithFlags - (TableVa + 4))).CopyTo(e, 4);
        return e;
    }

    private static FakeSections ModuleKeySite(byte opcode, ulong flags, ulong func)
    {
        var data = new byte[0x40];
        BitConverter.GetBytes(func).CopyTo(data, 0x10);
        return new FakeSections()
            .Text(".text", TextVa, Text(0x30, Branch(opcode, Site, ModuleTrampoline)))
            .Data(".data", DataVa, data)
            .Data(".static_call_sites", TableVa, SiteEntry(Site, ModuleKey | flags));
    }

    [Test]
    public void ModuleKeySiteCallsTheKeysFunction()
    {
        FakeSections s = ModuleKeySite(0xe8, 0, ModuleFunction);
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, ModuleFunction)), Is.True);
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, ModuleTrampoline)), Is.True, "not yet retargeted");
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, ModuleFunction + 0x10)), Is.False, "another function");
        Assert.That(Accepts(rules, s, Site, Branch(0xe9, Site, ModuleFunction)), Is.False, "jmp on a call site");
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.False, "NOP while the key has a function");
    }

    [Test]
    public void TailSiteJumpsAndNullFunctionReturns()
    {
        FakeSections tail = ModuleKeySite(0xe9, 1, ModuleFunction);
        var rules = Prepared(tail);
        Assert.That(Accepts(rules, tail, Site, Branch(0xe9, Site, ModuleFunction)), Is.True);
        Assert.That(Accepts(rules, tail, Site, Branch(0xe8, Site, ModuleFunction)), Is.False);

        FakeSections nullTail = ModuleKeySite(0xe9, 1, 0);
        rules = Prepared(nullTail);
        Assert.That(Accepts(rules, nullTail, Site, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc), Is.True);
        Assert.That(Accepts(rules, nullTail, Site, Branch(0xe9, Site, FakeSymbols.ReturnThunk)), Is.True);
        Assert.That(Accepts(rules, nullTail, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.False, "NOP on a tail site");

        FakeSections nullCall = ModuleKeySite(0xe8, 0, 0);
        rules = Prepared(nullCall);
        Assert.That(Accepts(rules, nullCall, Site, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.True);
        Assert.That(Accepts(rules, nullCall, Site, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc), Is.False, "RET on a call site");
    }

    [Test]
    public void CallToReturn0IsTheXorForm()
    {
        FakeSections s = ModuleKeySite(0xe8, 0, FakeSymbols.Return0);
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x2e, 0x2e, 0x2e, 0x31, 0xc0), Is.True);
        Assert.That(Accepts(rules, s, Site, 0x2e, 0x2e, 0x2e, 0x31, 0xc9), Is.False);
    }

    private static FakeSections CoreKeySite() => new FakeSections()
        .Text(".text", TextVa, Text(0x30, Branch(0xe8, Site, FakeSymbols.Trampoline)))
        .Data(".static_call_sites", TableVa, SiteEntry(Site, FakeSymbols.Trampoline));

    [Test]
    public void CoreKeySiteNeedsTheLockedTrampoline()
    {
        FakeSections s = CoreKeySite();
        var memory = new DictionaryLockedMemory();
        byte[] tramp = new byte[8];
        Branch(0xe9, FakeSymbols.Trampoline, FakeSymbols.CoreFunction).CopyTo(tramp, 0);
        new byte[] { 0x0f, 0xb9, 0xcc }.CopyTo(tramp, 5);
        memory.Bytes[FakeSymbols.Trampoline] = tramp;

        var withMemory = Prepared(s, memory);
        Assert.That(Accepts(withMemory, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction)), Is.True);
        Assert.That(Accepts(withMemory, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction + 4)), Is.False);

        var without = Prepared(s);
        Assert.That(Accepts(without, s, Site, Branch(0xe8, Site, FakeSymbols.Trampoline)), Is.True);
        Assert.That(Accepts(without, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction)), Is.False, "target unknown without locked core text");
    }

    [Test]
    public void BytesWithoutTheTrampolineSignatureAreNotTrusted()
    {
        FakeSections s = CoreKeySite();
        var memory = new DictionaryLockedMemory();
        byte[] notTramp = new byte[8];
        Branch(0xe9, FakeSymbols.Trampoline, FakeSymbols.CoreFunction).CopyTo(notTramp, 0);
        memory.Bytes[FakeSymbols.Trampoline] = notTramp;
        var rules = Prepared(s, memory);
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction)), Is.False);
    }
}
