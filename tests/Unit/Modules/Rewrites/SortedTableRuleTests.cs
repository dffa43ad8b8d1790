using System;
using System.Linq;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules.Content.Rewrites;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;
using static Lvbs.Tests.Unit.Modules.Rewrites.Rw;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>__mcount_loc and the ORC tables, which Linux sorts in place at load.</summary>
[TestFixture]
public sealed class SortedTableRuleTests
{
    private const ulong McountVa = DataVa;
    private const ulong OrcIpVa = DataVa + 0x100;
    private const ulong OrcVa = DataVa + 0x200;

    private static bool AcceptWindowAt(LinuxRewriteSiteRules rules, ulong va, byte[] reference, byte[] loaded)
    {
        for (int i = 0; i < rules.WindowCount; i++)
        {
            if (rules.GetWindow(i).Va == va)
            {
                return rules.Accept(i, reference, loaded);
            }
        }

        throw new InvalidOperationException("no window for the table");
    }

    [Test]
    public void McountTableMayBeSortedOrLeft()
    {
        // Three fentry calls (ftrace sites) listed out of order.
        ulong[] sites = { TextVa + 0x40, TextVa + 0x10, TextVa + 0x20 };
        byte[] text = Text(0);
        foreach (ulong s in sites)
        {
            Branch(0xe8, s, FakeSymbols.Fentry).CopyTo(text, (int)(s - TextVa));
        }

        byte[] table = Abs64(sites);
        var rules = Prepared(new FakeSections().Text(".text", TextVa, text).Data("__mcount_loc", McountVa, table));
        Assert.That(AcceptWindowAt(rules, McountVa, table, Abs64(sites.OrderBy(x => x).ToArray())), Is.True, "sorted");
        Assert.That(AcceptWindowAt(rules, McountVa, table, table), Is.True, "ftrace disabled: left");
        Assert.That(AcceptWindowAt(rules, McountVa, table, Abs64(sites.OrderByDescending(x => x).ToArray())), Is.False, "another order");
        Assert.That(AcceptWindowAt(rules, McountVa, table, Abs64(TextVa + 0x10, TextVa + 0x20, TextVa + 0x48)), Is.False, "another site");
    }

    private static byte[] OrcEntries(params int[] spOffsets) =>
        spOffsets.SelectMany(o => new byte[] { (byte)o, 0, 0, 0, 0x05, 0x00 }).ToArray();

    [Test]
    public void OrcTablesAreSortedTogetherOrLeft()
    {
        ulong[] ips = { TextVa + 0x30, TextVa + 0x10, TextVa + 0x20 };
        byte[] ipTable = Prel32(OrcIpVa, ips);
        byte[] orc = OrcEntries(3, 1, 2);
        var s = new FakeSections().Text(".text", TextVa, Text(0)).Data(".orc_unwind_ip", OrcIpVa, ipTable).Data(".orc_unwind", OrcVa, orc);
        var rules = Prepared(s);
        Assert.That(rules.WindowCount, Is.EqualTo(2));

        byte[] sortedIp = Prel32(OrcIpVa, ips.OrderBy(x => x).ToArray());
        Assert.That(AcceptWindowAt(rules, OrcIpVa, ipTable, sortedIp), Is.True);
        Assert.That(AcceptWindowAt(rules, OrcIpVa, ipTable, ipTable), Is.True, "the signed order");
        Assert.That(AcceptWindowAt(rules, OrcIpVa, ipTable, Prel32(OrcIpVa, ips.OrderByDescending(x => x).ToArray())), Is.False, "another order");
        Assert.That(AcceptWindowAt(rules, OrcVa, orc, OrcEntries(1, 2, 3)), Is.True, "entries follow their addresses");
        Assert.That(AcceptWindowAt(rules, OrcVa, orc, OrcEntries(2, 1, 3)), Is.False, "entries detached from their addresses");
        Assert.That(AcceptWindowAt(rules, OrcVa, orc, OrcEntries(1, 2, 4)), Is.False, "an entry changed");
    }

    [Test]
    public void OrcTablesWhoseSizesDisagreeAreLeftAlone()
    {
        var s = new FakeSections().Text(".text", TextVa, Text(0))
            .Data(".orc_unwind_ip", OrcIpVa, Prel32(OrcIpVa, TextVa + 0x20, TextVa + 0x10))
            .Data(".orc_unwind", OrcVa, OrcEntries(1, 2, 3));
        Assert.That(Prepared(s).WindowCount, Is.Zero);
    }

    [Test]
    public void RealModuleTablesAreSortedByTheSimulatedLoadAndAccepted()
    {
        byte[] body = RealModules.Body("hv_vmbus.ko");
        LinuxLoadedModule plain = RealModules.LoadVtl0(body);
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        LinuxModuleFinalize.Apply(vtl0, RewriteCpus.Retpoline, FakeKernel.Lookup);
        foreach (string table in new[] { "__mcount_loc", ".orc_unwind_ip", ".orc_unwind" })
        {
            LinuxModuleSection section = vtl0.FindSection(table)!;
            Assert.That(vtl0.At(section.Va, (int)section.Size).SequenceEqual(plain.At(section.Va, (int)section.Size)), Is.False, table + " was sorted");
        }

        Assert.That(Lvbs.Kernel.Modules.Content.ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, new LinuxRewriteSiteRules(), out _), Is.Zero);
    }
}

/// <summary>__ex_table, which post_relocation sorts by instruction address.</summary>
[TestFixture]
public sealed class ExceptionTableRuleTests
{
    private const ulong ExVa = DataVa + 0x300;

    /// <summary>Entries {insn, fixup, data} at ExVa, insn and fixup relative to their fields.</summary>
    private static byte[] Ex(params (ulong Insn, ulong Fixup, int Data)[] entries)
    {
        var t = new byte[entries.Length * 12];
        for (int i = 0; i < entries.Length; i++)
        {
            ulong at = ExVa + (ulong)(i * 12);
            BitConverter.GetBytes(unchecked((int)(long)(entries[i].Insn - at))).CopyTo(t, i * 12);
            BitConverter.GetBytes(unchecked((int)(long)(entries[i].Fixup - (at + 4)))).CopyTo(t, (i * 12) + 4);
            BitConverter.GetBytes(entries[i].Data).CopyTo(t, (i * 12) + 8);
        }

        return t;
    }

    private static bool Accept(LinuxRewriteSiteRules rules, byte[] reference, byte[] loaded) => rules.Accept(0, reference, loaded);

    [Test]
    public void EntriesAreSortedByInstructionWithTheirFixupAndData()
    {
        var a = (TextVa + 0x30, TextVa + 0xa0, 3);
        var b = (TextVa + 0x10, TextVa + 0xb0, 1);
        var c = (TextVa + 0x20, TextVa + 0xc0, 2);
        byte[] reference = Ex(a, b, c);
        var rules = Prepared(new FakeSections().Text(".text", TextVa, Text(0)).Data("__ex_table", ExVa, reference));
        Assert.That(rules.WindowCount, Is.EqualTo(1));
        Assert.That(Accept(rules, reference, Ex(b, c, a)), Is.True, "sorted, re-based");
        Assert.That(Accept(rules, reference, reference), Is.True, "signed order");
        Assert.That(Accept(rules, reference, Ex(c, b, a)), Is.False, "not sorted");
        Assert.That(Accept(rules, reference, Ex(b, c, (a.Item1, a.Item2 + 1, 3))), Is.False, "fixup moved");
        Assert.That(Accept(rules, reference, Ex(b, c, (a.Item1, a.Item2, 4))), Is.False, "data changed");
        Assert.That(Accept(rules, reference, Ex((b.Item1, c.Item2, 1), (c.Item1, b.Item2, 2), a)), Is.False, "fixups swapped between entries");
    }

    [Test]
    public void ExceptionTableSizeNotAMultipleOfTheEntryIsMalformed()
    {
        var rules = new LinuxRewriteSiteRules();
        Assert.That(rules.Prepare(new FakeSections().Text(".text", TextVa, Text(0)).Data("__ex_table", ExVa, new byte[18]), new FakeSymbols()), Is.EqualTo(8));
    }
}
