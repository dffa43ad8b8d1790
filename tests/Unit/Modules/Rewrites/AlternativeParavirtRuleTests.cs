using System;
using System.Linq;
using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>.altinstructions and .parainstructions, alone and overlapping.</summary>
[TestFixture]
public sealed class AlternativeParavirtRuleTests
{
    private const ulong Site = TextVa + 0x50;
    private const int Popcnt = (4 * 32) + 23;

    /// <summary>alt_instr {instr, repl, cpuid, instrlen, replacementlen} entries at TableVa.</summary>
    private static byte[] Alt(params (ulong Instr, ulong Repl, int Cpuid, int InstrLen, int ReplLen)[] entries)
    {
        var t = new byte[entries.Length * 12];
        for (int i = 0; i < entries.Length; i++)
        {
            ulong e = TableVa + (ulong)(i * 12);
            BitConverter.GetBytes((int)(long)(entries[i].Instr - e)).CopyTo(t, i * 12);
            BitConverter.GetBytes((int)(long)(entries[i].Repl - (e + 4))).CopyTo(t, (i * 12) + 4);
            BitConverter.GetBytes((ushort)entries[i].Cpuid).CopyTo(t, (i * 12) + 8);
            t[(i * 12) + 10] = (byte)entries[i].InstrLen;
            t[(i * 12) + 11] = (byte)entries[i].ReplLen;
        }

        return t;
    }

    private static byte[] Para(ulong instr, int type, int len)
    {
        var t = new byte[16];
        BitConverter.GetBytes(instr).CopyTo(t, 0);
        t[8] = (byte)type;
        t[9] = (byte)len;
        return t;
    }

    private static byte[] IndirectPvCall(ulong site, int type)
    {
        var b = new byte[] { 0xff, 0x15, 0, 0, 0, 0 };
        BitConverter.GetBytes((int)(long)(FakeSymbols.PvOps + (ulong)(8 * type) - (site + 6))).CopyTo(b, 2);
        return b;
    }

    [Test]
    public void PopcntReplacementIsPaddedWithOneNop()
    {
        byte[] call = Branch(0xe8, Site, FakeSymbols.CoreFunction);
        FakeSections s = new FakeSections()
            .Text(".text", TextVa, Text(0x50, call))
            .Text(".altinstr_replacement", ReplacementVa, new byte[] { 0xf3, 0x0f, 0xb8, 0xc7 })
            .Data(".altinstructions", TableVa, Alt((Site, ReplacementVa, Popcnt, 5, 4)));
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0xf3, 0x0f, 0xb8, 0xc7, 0x90), Is.True);
        Assert.That(Accepts(rules, s, Site, call), Is.True, "no POPCNT");
        Assert.That(Accepts(rules, s, Site, 0xf3, 0x0f, 0xb8, 0xc7, 0xcc), Is.False, "padding not a NOP");
        Assert.That(Accepts(rules, s, Site, 0xf3, 0x0f, 0xb8, 0xc0, 0x90), Is.False, "another replacement");
    }

    [Test]
    public void ShortReplacementPaddingBecomesOneLongNop()
    {
        FakeSections s = new FakeSections()
            .Text(".text", TextVa, Text(0x50, IndirectPvCall(Site, 3)))
            .Text(".altinstr_replacement", ReplacementVa, new byte[] { 0x9c, 0x58 })
            .Data(".altinstructions", TableVa, Alt((Site, ReplacementVa, 0x8110, 6, 2)));
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, 0x9c, 0x58, 0x0f, 0x1f, 0x40, 0x00), Is.True, "pushf; pop %rax; NOP4");
        Assert.That(Accepts(rules, s, Site, 0x9c, 0x58, 0x90, 0x90, 0x90, 0x90), Is.False, "unoptimised NOPs");
        Assert.That(Accepts(rules, s, Site, 0x9c, 0x58, 0x66, 0x90, 0x66, 0x90), Is.False, "other NOPs");
    }

    [Test]
    public void CallAndJumpReplacementsAreReaimed()
    {
        ulong callTarget = FakeSymbols.CoreFunction;
        ulong jumpTarget = Site + 0x20;
        byte[] repl = Branch(0xe8, ReplacementVa, callTarget).Concat(Branch(0xe9, ReplacementVa + 5, jumpTarget)).ToArray();
        ulong site2 = Site + 0x10;
        byte[] text = Text(0x50, Branch(0xe8, Site, FakeSymbols.Fentry));
        Branch(0xe9, site2, TextVa + 0xf0).CopyTo(text, 0x60);
        FakeSections s = new FakeSections()
            .Text(".text", TextVa, text)
            .Text(".altinstr_replacement", ReplacementVa, repl)
            .Data(".altinstructions", TableVa, Alt((Site, ReplacementVa, Popcnt, 5, 5), (site2, ReplacementVa + 5, Popcnt, 5, 5)));
        var rules = Prepared(s);
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, callTarget)), Is.True, "call keeps its target");
        Assert.That(Accepts(rules, s, Site, repl.AsSpan(0, 5).ToArray()), Is.False, "call copied without re-aiming");
        Assert.That(Accepts(rules, s, site2, 0xeb, (byte)(jumpTarget - (site2 + 2)), 0x0f, 0x1f, 0x00), Is.True, "near jmp shortened");
        Assert.That(Accepts(rules, s, site2, Branch(0xe9, site2, jumpTarget)), Is.False, "Linux shortens a jmp that reaches");
    }

    [Test]
    public void ParavirtDirectFormsNeedTheLockedSlot()
    {
        const int Type = 24;
        FakeSections s = new FakeSections()
            .Text(".text", TextVa, Text(0x50, IndirectPvCall(Site, Type)))
            .Data(".parainstructions", TableVa, Para(Site, Type, 6));
        var memory = new DictionaryLockedMemory();
        memory.Bytes[FakeSymbols.PvOps + (8 * Type)] = BitConverter.GetBytes(FakeSymbols.NativePvFunction);
        var rules = Prepared(s, memory);
        byte[] direct = Branch(0xe8, Site, FakeSymbols.NativePvFunction).Append((byte)0x90).ToArray();
        Assert.That(Accepts(rules, s, Site, direct), Is.True, "call native; NOP1");
        Assert.That(Accepts(rules, s, Site, IndirectPvCall(Site, Type)), Is.True, "unpatched");
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, FakeSymbols.CoreFunction).Append((byte)0x90).ToArray()), Is.False, "another function");
        Assert.That(Accepts(rules, s, Site, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.False, "NOPs for a real op");
        Assert.That(Accepts(Prepared(s), s, Site, direct), Is.False, "no locked memory");

        memory.Bytes[FakeSymbols.PvOps + (8 * Type)] = BitConverter.GetBytes(FakeSymbols.ParavirtNop);
        rules = Prepared(s, memory);
        Assert.That(Accepts(rules, s, Site, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.True, "_paravirt_nop: NOP6");

        memory.Bytes[FakeSymbols.PvOps + (8 * Type)] = BitConverter.GetBytes(0UL);
        rules = Prepared(s, memory);
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, FakeSymbols.ParavirtBug).Append((byte)0x90).ToArray()), Is.True, "NULL op: call paravirt_BUG");
        Assert.That(Accepts(rules, s, Site, 0x0f, 0x0b, 0x0f, 0x1f, 0x40, 0x00), Is.False, "ud2 is not what 6.1 writes");
    }

    [Test]
    public void OverlappingParavirtAndAlternativeShareOneWindow()
    {
        const int Type = 3;
        FakeSections s = new FakeSections()
            .Text(".text", TextVa, Text(0x50, IndirectPvCall(Site, Type)))
            .Text(".altinstr_replacement", ReplacementVa, new byte[] { 0xfa })
            .Data(".altinstructions", TableVa, Alt((Site, ReplacementVa, 0x8110, 6, 1)))
            .Data(".parainstructions", TableVa + 0x100, Para(Site, Type, 6));
        var memory = new DictionaryLockedMemory();
        memory.Bytes[FakeSymbols.PvOps + (8 * Type)] = BitConverter.GetBytes(FakeSymbols.NativePvFunction);
        var rules = Prepared(s, memory);
        Assert.That(rules.WindowCount, Is.EqualTo(1));
        Assert.That(Accepts(rules, s, Site, 0xfa, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.True, "cli; NOP5 (alternative over paravirt)");
        Assert.That(Accepts(rules, s, Site, Branch(0xe8, Site, FakeSymbols.NativePvFunction).Append((byte)0x90).ToArray()), Is.True, "Xen PV: paravirt only");
        Assert.That(Accepts(rules, s, Site, 0xfb, 0x0f, 0x1f, 0x44, 0x00, 0x00), Is.False, "sti instead of cli");
    }
}
