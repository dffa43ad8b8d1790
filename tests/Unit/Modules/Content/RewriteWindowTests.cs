using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>How content validation uses the rewrite windows: outside them bytes must match, inside the rule decides, and the windows themselves are checked.</summary>
[TestFixture]
public sealed class RewriteWindowTests
{
    [Test]
    public void ChangeInsideAWindowIsAcceptedWhenTheRuleAccepts()
    {
        (byte[] body, LinuxLoadedModule vtl0, ulong site) = Patched();
        var rules = new FixedWindows(true, new RewriteWindow(site, 5));
        Assert.That(Validate(body, vtl0, rules), Is.Zero);
        Assert.That(rules.Prepared, Is.True);
        Assert.That(rules.Asked, Is.EqualTo(1));
        Assert.That(rules.LastLoaded, Is.EqualTo(vtl0.At(site, 5).ToArray()));
    }

    [Test]
    public void ChangeInsideAWindowIsRefusedWhenTheRuleRefuses()
    {
        (byte[] body, LinuxLoadedModule vtl0, ulong site) = Patched();
        Assert.That(Validate(body, vtl0, new FixedWindows(false, new RewriteWindow(site, 5))), Is.EqualTo((int)LinuxErrno.EACCES));
    }

    [Test]
    public void ChangeJustOutsideAWindowIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0, ulong site) = Patched();
        Assert.That(Validate(body, vtl0, new FixedWindows(true, new RewriteWindow(site, 4))), Is.EqualTo((int)LinuxErrno.EACCES));
    }

    [Test]
    public void OverlappingOrUnsortedWindowsAreENOEXEC()
    {
        (byte[] body, LinuxLoadedModule vtl0, ulong site) = Patched();
        Assert.That(Validate(body, vtl0, new FixedWindows(true, new RewriteWindow(site, 5), new RewriteWindow(site + 4, 2))),
            Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(Validate(body, vtl0, new FixedWindows(true, new RewriteWindow(site + 16, 2), new RewriteWindow(site, 5))),
            Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(Validate(body, vtl0, new FixedWindows(true, new RewriteWindow(site, 0))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void WindowOutsideComparedMemoryIsENOEXEC()
    {
        byte[] body = RealModules.Body("hv_netvsc.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        ulong data = vtl0.Regions[ModMemType.Data].Va;
        Assert.That(Validate(body, vtl0, new FixedWindows(true, new RewriteWindow(data, 4))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        LinuxModuleRegion text = vtl0.Regions[ModMemType.Text];
        Assert.That(Validate(body, vtl0, new FixedWindows(true, new RewriteWindow(text.Va + text.Size - 2, 4))), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void PrepareFailureIsReturned()
    {
        (byte[] body, LinuxLoadedModule vtl0, _) = Patched();
        var rules = new FixedWindows(true) { PrepareStatus = (int)LinuxErrno.ENOEXEC };
        Assert.That(Validate(body, vtl0, rules), Is.EqualTo((int)LinuxErrno.ENOEXEC));
    }

    [Test]
    public void RulesSeeRelocatedSiteTablesAndText()
    {
        byte[] body = RealModules.Body("hv_netvsc.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        var rules = new FixedWindows(true);
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, rules, out _), Is.Zero);
        LinuxModuleSection jt = vtl0.FindSection("__jump_table")!;
        Assert.That(rules.JumpTableVa, Is.EqualTo(jt.Va));
        Assert.That(rules.JumpTable, Is.EqualTo(vtl0.At(jt.Va, (int)jt.Size).ToArray()));
        LinuxModuleSection text = vtl0.FindSection(".text")!;
        Assert.That(rules.TextCheck(text.Va, (int)text.Size), Is.True);
        Assert.That(rules.TextCheck(text.Va + text.Size - 1, 2), Is.False);
        Assert.That(rules.TextCheck(jt.Va, 4), Is.False);
    }

    // Five bytes of hv_netvsc's loaded text, each changed (as a rewrite site would be).
    private static (byte[] Body, LinuxLoadedModule Vtl0, ulong Site) Patched()
    {
        byte[] body = RealModules.Body("hv_netvsc.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        LinuxModuleSection text = vtl0.FindSection(".text")!;
        ulong site = text.Va + 0x40;
        Span<byte> bytes = vtl0.At(site, 5);
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= 0xFF;
        }

        return (body, vtl0, site);
    }

    private static int Validate(byte[] body, LinuxLoadedModule vtl0, IRewriteSiteRules rules) =>
        ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, rules, out _);

    private sealed class FixedWindows : IRewriteSiteRules
    {
        private readonly bool _accept;
        private readonly RewriteWindow[] _windows;
        private IRelocatedSections? _sections;

        public FixedWindows(bool accept, params RewriteWindow[] windows)
        {
            _accept = accept;
            _windows = windows;
        }

        public int PrepareStatus { get; init; }

        public bool Prepared { get; private set; }

        public int Asked { get; private set; }

        public byte[]? LastLoaded { get; private set; }

        public ulong JumpTableVa { get; private set; }

        public byte[]? JumpTable { get; private set; }

        public int WindowCount => _windows.Length;

        public int Prepare(IRelocatedSections sections, IModuleSymbolResolver symbols)
        {
            Prepared = true;
            _sections = sections;
            if (sections.TryGetSection("__jump_table"u8, out ulong va, out ReadOnlySpan<byte> reference))
            {
                JumpTableVa = va;
                JumpTable = reference.ToArray();
            }

            return PrepareStatus;
        }

        public RewriteWindow GetWindow(int index) => _windows[index];

        public bool Accept(int index, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded)
        {
            Asked++;
            LastLoaded = loaded.ToArray();
            return _accept;
        }

        public bool TextCheck(ulong va, int length) => _sections!.IsInText(va, length);
    }
}
