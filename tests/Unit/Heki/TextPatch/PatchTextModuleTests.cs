using System;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Heki.TextPatch;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>
/// PATCH_TEXT on real Debian modules (lvbs-abi.md §3, module-signatures.md §5): the sites come
/// from VTL1's own relocation of the signed module; full enable/disable sequences follow
/// Linux's INT3 protocol; every illegal step is refused and leaves the text unchanged.
/// </summary>
[TestFixture]
public sealed class PatchTextModuleTests
{
    private static readonly byte[] Nop5 = { 0x0F, 0x1F, 0x44, 0x00, 0x00 };
    private static readonly byte[] Nop2 = { 0x66, 0x90 };
    private static readonly byte[] Xor5Rax = { 0x2E, 0x2E, 0x2E, 0x31, 0xC0 };

    private static long Err(LinuxErrno e) => -(long)e;

    [Test]
    public void EverySiteOfTheSignedModuleTablesIsRegistered()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        Assert.That(rig.Module.TryGetSection("__jump_table"u8, out _, out ReadOnlySpan<byte> jt), Is.True);
        int jumps = jt.Length / 16;
        Assert.That(rig.Module.TryGetSection(".static_call_sites"u8, out _, out ReadOnlySpan<byte> sc), Is.True);
        int calls = sc.Length / 8;
        Assert.That(jumps, Is.EqualTo(31));
        Assert.That(calls, Is.EqualTo(31));
        Assert.That(rig.Call.Sites.Count, Is.EqualTo(jumps + calls));
        for (int i = 0; i < rig.Call.Sites.Count; i++)
        {
            TextPatchSite s = rig.Call.Sites.At(i);
            byte[] now = rig.Text(s.Va, s.Length);
            if (s.Kind == TextPatchSiteKind.JumpLabel)
            {
                Assert.That(s.Length == 2 || s.Length == 5, Is.True);
                Assert.That(TextEncodings.IsLegal(in s, now, 0, default), Is.True, "VTL0's loaded bytes are a legal encoding");
            }
            else
            {
                // Each call site calls its key's trampoline: the module's own .static_call.text or the kernel's __SCT__.
                Assert.That(now[0], Is.EqualTo(s.Tail ? 0xE9 : 0xE8));
                Assert.That(TextEncodings.Rel32Target(s.Va, now), Is.EqualTo(s.Target));
            }
        }
    }

    [Test]
    public void Nop5ToJmp32AndBack()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        TextPatchSite s = rig.Find(x => x.Kind == TextPatchSiteKind.JumpLabel && x.Length == 5 && rig.Text(x.Va, 5).SequenceEqual(Nop5))
            ?? throw new AssertionException("hv_netvsc has NOP5 jump labels");
        rig.Transition(s.Va, TextPatchRig.Rel32(0xE9, s.Va, s.Target));
        rig.Transition(s.Va, Nop5);
        Assert.That(rig.Call.Applied, Is.EqualTo(6));
        Assert.That(rig.Call.Refused, Is.Zero);
    }

    [TestCase("hv_netvsc.ko")]
    [TestCase("hv_vmbus.ko")]
    [TestCase("bfq.ko")]
    public void Nop2ToJmp8AndBack(string module)
    {
        var rig = new TextPatchRig(module);
        TextPatchSite? found = rig.Find(x => x.Kind == TextPatchSiteKind.JumpLabel && x.Length == 2 && rig.Text(x.Va, 2).SequenceEqual(Nop2));
        if (found is null)
        {
            Assert.That(module, Is.Not.EqualTo("bfq.ko"), "bfq.ko has NOP2 sites (module-signatures.md §5.2)");
            Assert.Ignore(module + " has no NOP2 jump label");
        }

        TextPatchSite s = found!.Value;
        rig.Transition(s.Va, TextPatchRig.Rel8(s.Va, s.Target));
        rig.Transition(s.Va, Nop2);
    }

    [Test]
    public void StaticCallSwitchesBetweenTrampolineNullAndReturn0()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        TextPatchSite s = rig.Find(x => x.Kind == TextPatchSiteKind.StaticCall && !x.Tail) ?? throw new AssertionException("no call site");
        byte[] call = TextPatchRig.Rel32(0xE8, s.Va, s.Target);
        Assert.That(rig.Text(s.Va, 5), Is.EqualTo(call));
        rig.Transition(s.Va, Nop5);
        rig.Transition(s.Va, call);
        rig.Transition(s.Va, Xor5Rax);
        rig.Transition(s.Va, call);
    }

    [Test]
    public void StaticCallToAnyOtherFunctionIsRefused()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        TextPatchSite s = rig.Find(x => x.Kind == TextPatchSiteKind.StaticCall && !x.Tail) ?? throw new AssertionException("no call site");
        byte[] before = rig.Text(s.Va, 5);
        Assert.That(rig.Step(s.Va, TextEncodings.Int3), Is.Zero);
        byte[] other = TextPatchRig.Rel32(0xE8, s.Va, s.Target + 0x40);
        Assert.That(rig.Step(s.Va + 1, other.AsSpan(1).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)));
        byte[] jmp = TextPatchRig.Rel32(0xE9, s.Va, s.Target);
        Assert.That(rig.Step(s.Va + 1, jmp.AsSpan(1).ToArray()), Is.Zero, "same rel32 bytes are legal for the CALL");
        Assert.That(rig.Step(s.Va, 0xE9), Is.EqualTo(Err(LinuxErrno.EACCES)), "a JMP is only legal at a TAIL site");
        Assert.That(rig.Step(s.Va, 0xE8), Is.Zero);
        Assert.That(rig.Text(s.Va, 5), Is.EqualTo(before));
    }

    [Test]
    public void StepsOutOfOrderAreRefusedAndWriteNothing()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        TextPatchSite s = rig.Find(x => x.Kind == TextPatchSiteKind.JumpLabel && x.Length == 5) ?? throw new AssertionException("no site");
        byte[] before = rig.Text(s.Va, 5);
        byte[] jmp = TextPatchRig.Rel32(0xE9, s.Va, s.Target);

        Assert.That(rig.Step(s.Va + 1, jmp.AsSpan(1).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)), "step 2 before step 1");
        Assert.That(rig.Step(s.Va, 0xE9), Is.EqualTo(Err(LinuxErrno.EACCES)), "step 3 before step 1");
        Assert.That(rig.Step(s.Va, jmp), Is.EqualTo(Err(LinuxErrno.EACCES)), "whole instruction in one write");
        Assert.That(rig.Text(s.Va, 5), Is.EqualTo(before));

        Assert.That(rig.Step(s.Va, TextEncodings.Int3), Is.Zero);
        Assert.That(rig.Step(s.Va, TextEncodings.Int3), Is.EqualTo(Err(LinuxErrno.EACCES)), "INT3 twice");
        Assert.That(rig.Step(s.Va, before[0]), Is.EqualTo(Err(LinuxErrno.EACCES)), "step 3 without step 2");
        Assert.That(rig.Step(s.Va + 1, jmp.AsSpan(1, 2).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)), "short body");
        byte[] wrong = TextPatchRig.Rel32(0xE9, s.Va, s.Target + 1);
        Assert.That(rig.Step(s.Va + 1, wrong.AsSpan(1).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)), "wrong target");
        Assert.That(rig.Text(s.Va, 5), Is.EqualTo(new byte[] { TextEncodings.Int3, before[1], before[2], before[3], before[4] }));

        Assert.That(rig.Step(s.Va + 1, jmp.AsSpan(1).ToArray()), Is.Zero);
        Assert.That(rig.Step(s.Va + 1, jmp.AsSpan(1).ToArray()), Is.EqualTo(Err(LinuxErrno.EACCES)), "step 2 twice");
        Assert.That(rig.Step(s.Va, 0x0F), Is.EqualTo(Err(LinuxErrno.EACCES)), "byte 0 that does not complete the written body");
        Assert.That(rig.Step(s.Va, 0xE9), Is.Zero);
        Assert.That(rig.Text(s.Va, 5), Is.EqualTo(jmp));
        Assert.That(rig.Call.Refused, Is.EqualTo(9));
    }

    [Test]
    public void Int3OutsideASiteIsRefused()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        // The first text byte is a function entry, not a jump label or static call.
        Assert.That(rig.Find(x => x.Va == rig.TextVa || x.Va + 1 == rig.TextVa), Is.Null);
        byte before = rig.Text(rig.TextVa, 1)[0];
        Assert.That(rig.Step(rig.TextVa, TextEncodings.Int3), Is.EqualTo(Err(LinuxErrno.ENOENT)));
        Assert.That(rig.Text(rig.TextVa, 1)[0], Is.EqualTo(before));

        // A byte inside a 5-byte site (not byte 0 or 1).
        TextPatchSite s = rig.Find(x => x.Length == 5) ?? throw new AssertionException("no site");
        Assert.That(rig.Step(s.Va + 2, TextEncodings.Int3), Is.EqualTo(Err(LinuxErrno.ENOENT)));

        // Memory that is no known text (the patch page itself).
        Assert.That(rig.Raw(TextPatchRig.PatchPa + 0x100, 0, new[] { TextEncodings.Int3 }), Is.EqualTo(Err(LinuxErrno.ENOENT)));
    }

    [Test]
    public void UnloadDropsEverySite()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        TextPatchSite s = rig.Find(x => x.Kind == TextPatchSiteKind.JumpLabel) ?? throw new AssertionException("no site");
        ulong pa = rig.Pa(s.Va);
        rig.Call.UnloadModule(TextPatchRig.Token);
        Assert.That(rig.Call.Sites.Count, Is.Zero);
        Assert.That(rig.Call.Sites.PageCount, Is.Zero);
        Assert.That(rig.Raw(pa, 0, new[] { TextEncodings.Int3 }), Is.EqualTo(Err(LinuxErrno.ENOENT)));
    }

    [Test]
    public void MalformedPatchesAreRefused()
    {
        var rig = new TextPatchRig("hv_netvsc.ko");
        TextPatchSite s = rig.Find(x => x.Length == 5) ?? throw new AssertionException("no site");
        ulong pa = rig.Pa(s.Va);
        byte[] before = rig.Text(s.Va, 5);
        Assert.That(rig.Raw(pa, 0, new[] { TextEncodings.Int3 }, size: 0), Is.EqualTo(Err(LinuxErrno.EINVAL)), "size 0");
        Assert.That(rig.Raw(pa, 0, new[] { TextEncodings.Int3 }, size: 6), Is.EqualTo(Err(LinuxErrno.EINVAL)), "size 6");
        Assert.That(rig.Raw(pa, 0, new[] { TextEncodings.Int3 }, a2: 0x5000), Is.EqualTo(Err(LinuxErrno.EINVAL)), "a2 differs from pa[1]");
        Assert.That(rig.Raw(pa, 0x5000, new[] { TextEncodings.Int3 }), Is.EqualTo(Err(LinuxErrno.EINVAL)), "pa[1] for a write inside one page");
        var call = new Lvbs.Hypervisor.Abstractions.VtlCall { FunctionId = (ulong)VtlCallFunction.PatchText, Arg1 = rig.Machine.Options.Vtl1Base };
        Assert.That(rig.Call.Handle(call), Is.EqualTo(Err(LinuxErrno.EFAULT)), "patch in VTL1 memory");
        call.Arg1 = ulong.MaxValue - 8;
        Assert.That(rig.Call.Handle(call), Is.EqualTo(Err(LinuxErrno.EFAULT)), "patch beyond RAM");
        Assert.That(rig.Text(s.Va, 5), Is.EqualTo(before));
        Assert.That(rig.Call.Applied, Is.Zero);
    }
}
