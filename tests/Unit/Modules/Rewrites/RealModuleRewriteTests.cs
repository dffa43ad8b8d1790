using System;
using System.Collections.Generic;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Kernel.Modules.Content.Rewrites;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>
/// End to end with the 20 Debian modules: loaded by the simulated Linux loader, rewritten by the
/// simulated module_finalize/ftrace/jump-label/static-call passes for several CPUs, then
/// validated by VTL1's ModuleContentValidator with <see cref="LinuxRewriteSiteRules"/>.
/// </summary>
[TestFixture]
public sealed class RealModuleRewriteTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        from module in RealModules.Names
        from cpu in RewriteCpus.Names
        select new TestCaseData(module, cpu).SetName("Finalized_" + module + "_" + cpu);

    private static (byte[] Body, LinuxLoadedModule Vtl0) Finalized(string module, string cpu)
    {
        byte[] body = RealModules.Body(module);
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        LinuxModuleFinalize.Apply(vtl0, RewriteCpus.Get(cpu), FakeKernel.Lookup);
        return (body, vtl0);
    }

    private static int Validate(byte[] body, LinuxLoadedModule vtl0, IRewriteSiteRules rules) =>
        ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, rules, out _);

    [TestCaseSource(nameof(Cases))]
    public void FinalizedModuleIsAccepted(string module, string cpu)
    {
        (byte[] body, LinuxLoadedModule vtl0) = Finalized(module, cpu);
        Assert.That(Validate(body, vtl0, new LinuxRewriteSiteRules(new FakeLockedMemory())), Is.Zero);
    }

    [Test]
    public void WithoutRulesTheRewrittenModulesAreRefused()
    {
        // Proves the pass changes text: every module with patch sites differs from the reference.
        int refused = 0;
        foreach (string module in RealModules.Names)
        {
            (byte[] body, LinuxLoadedModule vtl0) = Finalized(module, nameof(RewriteCpus.Native));
            if (Validate(body, vtl0, new NoRewrites()) == (int)LinuxErrno.EACCES)
            {
                refused++;
            }
        }

        Assert.That(refused, Is.EqualTo(RealModules.Names.Count()));
    }

    [Test]
    public void WithoutLockedMemoryDirectParavirtAndCoreStaticCallsAreRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Finalized("hv_vmbus.ko", nameof(RewriteCpus.Native));
        Assert.That(Validate(body, vtl0, new LinuxRewriteSiteRules()), Is.EqualTo((int)LinuxErrno.EACCES));
    }

    [Test]
    public void AModuleFinalizedForOneCpuAndTamperedInOneSiteIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Finalized("hv_netvsc.ko", nameof(RewriteCpus.Native));

        // The first retpoline site became `call *%reg` + NOP; aim it at another register.
        LinuxModuleSection sites = vtl0.FindSection(".retpoline_sites")!;
        ulong site = sites.Va + (ulong)(long)BitConverter.ToInt32(vtl0.At(sites.Va, 4));
        Span<byte> insn = vtl0.At(site, 5);
        Assert.That(insn[0] == 0xff || insn[0] == 0x41, Is.True, "retpoline site was rewritten");
        int modrm = insn[0] == 0x41 ? 2 : 1;
        insn[modrm] ^= 0x01;
        Assert.That(Validate(body, vtl0, new LinuxRewriteSiteRules(new FakeLockedMemory())), Is.EqualTo((int)LinuxErrno.EACCES));
    }

    [Test]
    public void TheRulesFindTheSitesOfEveryTable()
    {
        // hv_balloon has a table of every kind; count the windows VTL1 derives.
        byte[] body = RealModules.Body("hv_balloon.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        LinuxModuleFinalize.Apply(vtl0, RewriteCpus.Retpoline, FakeKernel.Lookup);
        var rules = new LinuxRewriteSiteRules();
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, rules, out _), Is.Zero);

        // 4 paravirt sites share windows with 4 alternatives; the ALTERNATIVE_2 at .text+0x182f is one
        // window; the sorted tables (__mcount_loc, .orc_unwind_ip, .orc_unwind) add 3.
        int expected = SiteCount(vtl0, ".retpoline_sites", 4) + SiteCount(vtl0, ".return_sites", 4) + SiteCount(vtl0, ".smp_locks", 4)
            + SiteCount(vtl0, "__mcount_loc", 8) + SiteCount(vtl0, "__jump_table", 16) + SiteCount(vtl0, ".static_call_sites", 8)
            + SiteCount(vtl0, ".altinstructions", 12) - 1 + 3;
        Assert.That(rules.WindowCount, Is.EqualTo(expected));
        for (int i = 1; i < rules.WindowCount; i++)
        {
            Assert.That(rules.GetWindow(i).Va, Is.GreaterThanOrEqualTo(rules.GetWindow(i - 1).Va + (ulong)rules.GetWindow(i - 1).Length));
        }
    }

    private static int SiteCount(LinuxLoadedModule vtl0, string table, int entrySize) =>
        (int)((vtl0.FindSection(table)?.Size ?? 0) / (ulong)entrySize);
}
