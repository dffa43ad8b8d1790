using System;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki.TextPatch;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>
/// PATCH_TEXT edge cases built by hand: sites in init text (dropped on FREE_MODULE_INIT, no
/// patch-after-free), a site straddling two non-contiguous physical pages (pa[1] must be the
/// page that follows in the text map), tail static calls, and malformed site tables.
/// </summary>
[TestFixture]
public sealed class PatchTextSyntheticTests
{
    private const long Token = 7;
    private const ulong TextVa = 0xFFFF_FFFF_C000_0000;
    private const ulong InitVa = 0xFFFF_FFFF_C200_0000;
    private const ulong TableVa = 0xFFFF_FFFF_C100_0000;
    private const ulong TextPa0 = 0x40_0000;   // VA page 0
    private const ulong TextPa1 = 0x52_0000;   // VA page 1: not PA-contiguous
    private const ulong InitPa = 0x60_0000;
    private const ulong PatchPa = 0x9000;
    private const ulong KeyVa = 0xFFFF_FFFF_C080_0000;

    private static readonly byte[] Nop5 = { 0x0F, 0x1F, 0x44, 0x00, 0x00 };

    private SimulatedMachine _m = null!;
    private PatchTextCall _call = null!;
    private byte[] _text = null!;
    private byte[] _init = null!;

    // Sites: straddling NOP5 jump label at page end - 2; tail static call; init-text NOP5 jump label.
    private static ulong Straddle => TextVa + 0xFFE;
    private static ulong JumpTarget => TextVa + 0x1400;
    private static ulong TailSite => TextVa + 0x100;
    private static ulong Trampoline => TextVa + 0x1800;
    private static ulong InitSite => InitVa + 0x10;

    private static long Err(LinuxErrno e) => -(long)e;

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions());
        _call = new PatchTextCall(_m);
        _text = new byte[0x2000];
        _text.AsSpan().Fill(0x90);
        Nop5.CopyTo(_text, 0xFFE);
        TextPatchRig.Rel32(0xE9, TailSite, Trampoline).CopyTo(_text, 0x100);
        _init = new byte[0x1000];
        Nop5.CopyTo(_init, 0x10);
        Assert.That(_m.Write(TextPa0, _text.AsSpan(0, 0x1000)), Is.EqualTo(BindingStatus.Success));
        Assert.That(_m.Write(TextPa1, _text.AsSpan(0x1000)), Is.EqualTo(BindingStatus.Success));
        Assert.That(_m.Write(InitPa, _init), Is.EqualTo(BindingStatus.Success));
        Assert.That(_call.AddTextMapping(TextVa, TextPa0, 0x1000, Token), Is.Zero);
        Assert.That(_call.AddTextMapping(TextVa + 0x1000, TextPa1, 0x1000, Token), Is.Zero);
        Assert.That(_call.AddTextMapping(InitVa, InitPa, 0x1000, Token), Is.Zero);
        Assert.That(_call.AddModule(Token, Sections(), InitVa, 0x1000), Is.Zero);
        Assert.That(_call.Sites.Count, Is.EqualTo(3));
    }

    private SyntheticSections Sections(byte[]? jumpTable = null, byte[]? callSites = null)
    {
        jumpTable ??= SyntheticSections.JumpEntry(TableVa, Straddle, JumpTarget, KeyVa)
            .Concat(SyntheticSections.JumpEntry(TableVa + 16, InitSite, InitVa + 0x40, KeyVa + 0x10)).ToArray();
        callSites ??= SyntheticSections.StaticCallSite(TableVa + 0x100, TailSite, KeyVa + 0x20, tail: true);
        return new SyntheticSections()
            .Add(".text", TextVa, _text, exec: true)
            .Add(".init.text", InitVa, _init, exec: true)
            .Add("__jump_table", TableVa, jumpTable, exec: false)
            .Add(".static_call_sites", TableVa + 0x100, callSites, exec: false);
    }

    private long Raw(ulong pa0, ulong pa1, params byte[] code)
    {
        byte[] p = new byte[HekiPatch.Size];
        BitConverter.TryWriteBytes(p.AsSpan(0), pa0);
        BitConverter.TryWriteBytes(p.AsSpan(8), pa1);
        p[16] = (byte)code.Length;
        code.CopyTo(p, 17);
        Assert.That(_m.Write(PatchPa, p), Is.EqualTo(BindingStatus.Success));
        return _call.Handle(new VtlCall { FunctionId = (ulong)VtlCallFunction.PatchText, Arg1 = PatchPa, Arg2 = pa1 });
    }

    private byte[] Read(ulong pa, int n)
    {
        byte[] b = new byte[n];
        Assert.That(_m.Read(pa, b), Is.EqualTo(BindingStatus.Success));
        return b;
    }

    [Test]
    public void StraddlingSiteNeedsPa1OfTheFollowingPage()
    {
        byte[] jmp = TextPatchRig.Rel32(0xE9, Straddle, JumpTarget);
        Assert.That(Raw(TextPa0 + 0xFFE, 0, 0xCC), Is.Zero);

        // Step 2 writes bytes 1..4 at page offset 0xFFF: one byte in page 0, three in page 1.
        byte[] body = jmp.AsSpan(1).ToArray();
        Assert.That(Raw(TextPa0 + 0xFFF, 0, body), Is.EqualTo(Err(LinuxErrno.EINVAL)), "missing pa[1]");
        Assert.That(Raw(TextPa0 + 0xFFF, TextPa0 + 0x1000, body), Is.EqualTo(Err(LinuxErrno.EACCES)), "PA-contiguous page is not the text's next page");
        Assert.That(Raw(TextPa0 + 0xFFF, InitPa, body), Is.EqualTo(Err(LinuxErrno.EACCES)), "another module page");
        Assert.That(Raw(TextPa0 + 0xFFF, TextPa1 + 8, body), Is.EqualTo(Err(LinuxErrno.EFAULT)), "unaligned pa[1]");
        Assert.That(Read(TextPa0 + 0x1000, 3), Is.EqualTo(new byte[3]), "the PA-contiguous page was not written");
        Assert.That(Read(TextPa1, 3), Is.EqualTo(Nop5.AsSpan(2).ToArray()));

        Assert.That(Raw(TextPa0 + 0xFFF, TextPa1, body), Is.Zero);
        Assert.That(Raw(TextPa0 + 0xFFE, 0, 0xE9), Is.Zero);
        Assert.That(Read(TextPa0 + 0xFFE, 2).Concat(Read(TextPa1, 3)).ToArray(), Is.EqualTo(jmp));
    }

    [Test]
    public void FreedInitTextSitesAreDroppedAndNeverWritten()
    {
        Assert.That(Raw(InitPa + 0x10, 0, 0xCC), Is.Zero, "live init site is patchable");
        Assert.That(Raw(InitPa + 0x11, 0, Nop5.AsSpan(1).ToArray()), Is.Zero);
        Assert.That(Raw(InitPa + 0x10, 0, 0x0F), Is.Zero);

        _call.FreeModuleInit(Token, InitVa, 0x1000);
        Assert.That(_call.Sites.Count, Is.EqualTo(2), "the init-text site is gone, the others stay");
        _m.Write(InitPa, new byte[0x1000]); // VTL0 reuses the freed page
        Assert.That(Raw(InitPa + 0x10, 0, 0xCC), Is.EqualTo(Err(LinuxErrno.ENOENT)));
        Assert.That(Read(InitPa + 0x10, 1)[0], Is.Zero, "nothing written into the freed page");
        Assert.That(Raw(TextPa0 + 0xFFE, 0, 0xCC), Is.Zero, "core text sites unaffected");
    }

    [Test]
    public void TailStaticCallAllowsJmpToTrampolineAndRetOnly()
    {
        byte[] ret = { 0xC3, 0xCC, 0xCC, 0xCC, 0xCC };
        Assert.That(Raw(TextPa0 + 0x100, 0, 0xCC), Is.Zero);
        Assert.That(Raw(TextPa0 + 0x101, 0, Nop5.AsSpan(1).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)), "NOP5 is a CALL site's NULL form only");
        byte[] ret0 = TextPatchRig.Rel32(0xE9, TailSite, 0xFFFF_FFFF_B100_2000);
        Assert.That(Raw(TextPa0 + 0x101, 0, ret0.AsSpan(1).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)), "return0 unknown to VTL1");
        _call.SetKernelTargets(0xFFFF_FFFF_B100_2000, new ulong[] { 0xFFFF_FFFF_B100_3000 });
        Assert.That(Raw(TextPa0 + 0x101, 0, ret0.AsSpan(1).ToArray()), Is.Zero, "JMP __static_call_return0 once known");
        Assert.That(Raw(TextPa0 + 0x100, 0, 0xE8), Is.EqualTo(Err(LinuxErrno.EACCES)), "CALL at a TAIL site");
        Assert.That(Raw(TextPa0 + 0x100, 0, 0xE9), Is.Zero);

        Assert.That(Raw(TextPa0 + 0x100, 0, 0xCC), Is.Zero);
        Assert.That(Raw(TextPa0 + 0x101, 0, ret.AsSpan(1).ToArray()), Is.Zero);
        Assert.That(Raw(TextPa0 + 0x100, 0, 0xC3), Is.Zero);
        Assert.That(Read(TextPa0 + 0x100, 5), Is.EqualTo(ret));

        byte[] thunk = TextPatchRig.Rel32(0xE9, TailSite, 0xFFFF_FFFF_B100_3000);
        Assert.That(Raw(TextPa0 + 0x100, 0, 0xCC), Is.Zero);
        Assert.That(Raw(TextPa0 + 0x101, 0, thunk.AsSpan(1).ToArray()), Is.Zero, "JMP to a return thunk (NULL with RETHUNK)");
        Assert.That(Raw(TextPa0 + 0x100, 0, 0xE9), Is.Zero);
    }

    [Test]
    public void MalformedSiteTablesAreRefusedWholesale()
    {
        var call = new PatchTextCall(_m);
        byte[] good = SyntheticSections.JumpEntry(TableVa, Straddle, JumpTarget, KeyVa);
        Assert.That(call.AddModule(1, Sections(jumpTable: good.AsSpan(0, 15).ToArray()), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "partial entry");
        byte[] outside = SyntheticSections.JumpEntry(TableVa, KeyVa, JumpTarget, KeyVa);
        Assert.That(call.AddModule(1, Sections(jumpTable: outside), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "code in data");
        byte[] notLegal = SyntheticSections.JumpEntry(TableVa, TextVa + 0x10, JumpTarget, KeyVa);
        Assert.That(call.AddModule(1, Sections(jumpTable: notLegal), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "reference bytes 90 90 are no jump-label encoding");
        byte[] callNotTail = SyntheticSections.StaticCallSite(TableVa + 0x100, TailSite, KeyVa, tail: false);
        Assert.That(call.AddModule(1, Sections(callSites: callNotTail), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "JMP in text but no TAIL flag");
        byte[] twice = good.Concat(SyntheticSections.JumpEntry(TableVa + 16, Straddle + 1, JumpTarget, KeyVa)).ToArray();
        Assert.That(call.AddModule(1, Sections(jumpTable: twice), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "overlapping sites");
        Assert.That(call.AddModule(-1, Sections(), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "core owner is not a token");
        Assert.That(call.Sites.Count, Is.Zero);

        Assert.That(call.AddModule(1, Sections(), InitVa, 0x1000), Is.Zero);
        Assert.That(call.AddModule(2, Sections(), InitVa, 0x1000), Is.EqualTo((int)LinuxErrno.EINVAL), "a second module over the same text");
        Assert.That(call.Sites.Count, Is.EqualTo(3));
    }

    [Test]
    public void TextMappingsRefuseAliasesAndMisalignment()
    {
        Assert.That(_call.AddTextMapping(TextVa, TextPa0, 0x1000, Token), Is.Zero, "identical re-add");
        Assert.That(_call.AddTextMapping(TextVa, TextPa0 + 0x3000, 0x1000, Token), Is.EqualTo((int)LinuxErrno.EINVAL), "VA remapped");
        Assert.That(_call.AddTextMapping(TextVa + 0x5000, TextPa0, 0x1000, Token), Is.EqualTo((int)LinuxErrno.EINVAL), "PA aliased");
        Assert.That(_call.AddTextMapping(TextVa + 0x5000, 0x70_0800, 0x1000, Token), Is.EqualTo((int)LinuxErrno.EINVAL), "unaligned");
        Assert.That(_call.AddTextMapping(TextVa + 0x5000, 0x70_0000, 0, Token), Is.EqualTo((int)LinuxErrno.EINVAL), "empty");
        Assert.That(_call.Sites.PageCount, Is.EqualTo(3));
    }
}
