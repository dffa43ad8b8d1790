using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki.TextPatch;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>
/// The core kernel's site tables found in .rodata by structure (module-signatures.md §5.3), on a
/// synthetic vmlinux layout: .rodata with unrelated data, <c>__jump_table</c>,
/// <c>.static_call_sites</c> and <c>.static_call_tramp_key</c> in the RO_AFTER_INIT order; then
/// PATCH_TEXT on those sites, learning lengths and static-call targets from the sealed text.
/// </summary>
[TestFixture]
public sealed class KernelSiteScannerTests
{
    private const ulong Text = 0xFFFF_FFFF_8100_0000;
    private const ulong TextSize = 0x10_0000;
    private const ulong InitText = 0xFFFF_FFFF_8300_0000;
    private const ulong Data = 0xFFFF_FFFF_8200_0000;
    private const ulong DataSize = 0x80_0000;
    private const ulong Rodata = 0xFFFF_FFFF_8240_0000;
    private const ulong TextPa = 0x100_0000;
    private const int Jumps = 40;
    private const int Calls = 20;
    private const int JumpOffset = 0x1238;   // 8-aligned, not 16-aligned

    private static readonly byte[] Nop5 = { 0x0F, 0x1F, 0x44, 0x00, 0x00 };

    private sealed class Layout : IKernelTextLayout
    {
        public readonly byte[] TextBytes = new byte[TextSize];

        public bool IsText(ulong va) => (va >= Text && va < Text + TextSize) || IsInitText(va);

        public bool IsInitText(ulong va) => va >= InitText && va < InitText + 0x1000;

        public bool IsData(ulong va) => va >= Data && va < Data + DataSize;

        public bool TryReadText(ulong va, Span<byte> destination)
        {
            if (va < Text || va + (ulong)destination.Length > Text + TextSize)
            {
                return IsInitText(va);
            }

            TextBytes.AsSpan((int)(va - Text), destination.Length).CopyTo(destination);
            return true;
        }
    }

    private static ulong JumpSite(int i) => Text + 0x1000 + ((ulong)i * 0x40);

    private static ulong JumpTarget(int i) => JumpSite(i) + 0x20;

    private static ulong CallSite(int i) => Text + 0x8000 + ((ulong)i * 0x40);

    private static ulong Function(int i) => Text + 0x9_0000 + ((ulong)i * 0x100);

    private static ulong Trampoline(int i) => Text + 0xF_0000 + ((ulong)i * 8);

    private static (byte[] Rodata, Layout Layout) Build(int jumps = Jumps)
    {
        var layout = new Layout();
        byte[] ro = new byte[0x4000];
        new Random(11).NextBytes(ro);
        int o = JumpOffset;
        for (int i = 0; i < jumps; i++, o += 16)
        {
            // Entry 3 is in .init.text (freed at the end of boot); even entries are NOP2, odd NOP5.
            ulong code = i == 3 ? InitText + 0x10 : JumpSite(i);
            ulong entry = Rodata + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o), (int)(long)(code - entry));
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o + 4), (int)(long)(JumpTarget(i) - (entry + 4)));
            BinaryPrimitives.WriteInt64LittleEndian(ro.AsSpan(o + 8), (long)(Data + 0x100 + ((ulong)i * 16) - (entry + 8)) | 2);
            byte[] bytes = i % 2 == 0 ? new byte[] { 0x66, 0x90 } : Nop5;
            bytes.CopyTo(layout.TextBytes, (int)(JumpSite(i) - Text));
        }

        for (int i = 0; i < Calls + 2; i++, o += 8)
        {
            // The last two are .static_call_tramp_key entries: {trampoline, key}.
            bool tramp = i >= Calls;
            ulong addr = tramp ? Trampoline(i) : CallSite(i);
            ulong entry = Rodata + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o), (int)(long)(addr - entry));
            int key = (int)(long)(Data + 0x4000 + ((ulong)i * 16) - (entry + 4)) | (i == 1 ? 1 : 0);
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o + 4), key);
            byte[] insn = tramp
                ? new byte[] { 0xE9, 0, 0, 0, 0, 0x0F, 0xB9, 0xCC }
                : TextPatchRig.Rel32(i == 1 ? (byte)0xE9 : (byte)0xE8, addr, Function(i));
            insn.CopyTo(layout.TextBytes, (int)(addr - Text));
        }

        // Bytes right after the table must not extend it.
        ro.AsSpan(o, 16).Clear();
        return (ro, layout);
    }

    [Test]
    public void FindsBothTablesByStructureAndSkipsInitText()
    {
        (byte[] ro, Layout layout) = Build();
        Assert.That(KernelSiteScanner.Scan(ro, Rodata, layout, out KernelSiteScan scan), Is.Zero);
        Assert.That(scan.JumpTableVa, Is.EqualTo(Rodata + JumpOffset));
        Assert.That(scan.JumpEntries, Is.EqualTo(Jumps));
        Assert.That(scan.StaticCallSitesVa, Is.EqualTo(Rodata + JumpOffset + (Jumps * 16)));
        Assert.That(scan.StaticCallSites, Is.EqualTo(Calls), "stops at the trampoline signature");
        Assert.That(scan.Sites, Has.Length.EqualTo(Jumps - 1 + Calls));
        Assert.That(scan.Sites.Any(s => s.Va == InitText + 0x10), Is.False);
        Assert.That(scan.Sites.Count(s => s.Kind == TextPatchSiteKind.StaticCall && s.Tail), Is.EqualTo(1));
        Assert.That(scan.Sites.All(s => s.Owner == TextPatchSite.CoreOwner), Is.True);
    }

    [Test]
    public void NoTableMeansEnoent()
    {
        (byte[] ro, Layout layout) = Build(jumps: KernelSiteScanner.MinJumpEntries - 1);
        Assert.That(KernelSiteScanner.Scan(ro, Rodata, layout, out KernelSiteScan scan), Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(scan.Sites, Is.Empty);
        Assert.That(KernelSiteScanner.Scan(new byte[100], Rodata, layout, out _), Is.EqualTo((int)LinuxErrno.ENOENT));
    }

    [Test]
    public void CoreSitesPatchWithLengthAndTargetFromTheSealedText()
    {
        (byte[] ro, Layout layout) = Build();
        Assert.That(KernelSiteScanner.Scan(ro, Rodata, layout, out KernelSiteScan scan), Is.Zero);
        var m = new SimulatedMachine(new SimulatedMachineOptions());
        var call = new PatchTextCall(m);
        Assert.That(m.Write(TextPa, layout.TextBytes), Is.EqualTo(BindingStatus.Success));
        Assert.That(call.AddTextMapping(Text, TextPa, TextSize, TextPatchSite.CoreOwner), Is.Zero);
        Assert.That(call.AddKernelSites(scan.Sites), Is.Zero);

        long Step(ulong va, params byte[] code)
        {
            byte[] p = new byte[HekiPatch.Size];
            BinaryPrimitives.WriteUInt64LittleEndian(p, TextPa + (va - Text));
            p[16] = (byte)code.Length;
            code.CopyTo(p, 17);
            m.Write(0x8000, p);
            return call.Handle(new VtlCall { FunctionId = (ulong)VtlCallFunction.PatchText, Arg1 = 0x8000 });
        }

        byte[] Now(ulong va, int n)
        {
            byte[] b = new byte[n];
            m.Read(TextPa + (va - Text), b);
            return b;
        }

        // NOP2 site 0 → JMP8 → NOP2; its 2-byte length was learned at step 1.
        byte[] jmp8 = TextPatchRig.Rel8(JumpSite(0), JumpTarget(0));
        Assert.That(Step(JumpSite(0), 0xCC), Is.Zero);
        Assert.That(call.Sites.TryFind(JumpSite(0), out int i0) && call.Sites.At(i0).Length == 2, Is.True);
        Assert.That(Step(JumpSite(0) + 1, TextPatchRig.Rel32(0xE9, JumpSite(0), JumpTarget(0)).AsSpan(1).ToArray()), Is.EqualTo(-(long)LinuxErrno.EACCES), "a JMP32 body on a 2-byte site");
        Assert.That(Step(JumpSite(0) + 1, jmp8[1]), Is.Zero);
        Assert.That(Step(JumpSite(0), 0xEB), Is.Zero);
        Assert.That(Now(JumpSite(0), 2), Is.EqualTo(jmp8));

        // NOP5 site 1 → JMP32.
        byte[] jmp32 = TextPatchRig.Rel32(0xE9, JumpSite(1), JumpTarget(1));
        Assert.That(Step(JumpSite(1), 0xCC), Is.Zero);
        Assert.That(Step(JumpSite(1) + 1, jmp32.AsSpan(1).ToArray()), Is.Zero);
        Assert.That(Step(JumpSite(1), 0xE9), Is.Zero);
        Assert.That(Now(JumpSite(1), 5), Is.EqualTo(jmp32));

        // Static call site 0: CALL Function(0) (sealed) → NOP5 → CALL Function(0); CALL elsewhere refused.
        ulong s0 = CallSite(0);
        Assert.That(Step(s0, 0xCC), Is.Zero);
        Assert.That(Step(s0 + 1, Nop5.AsSpan(1).ToArray()), Is.Zero);
        Assert.That(Step(s0, 0x0F), Is.Zero);
        Assert.That(Step(s0, 0xCC), Is.Zero);
        Assert.That(Step(s0 + 1, TextPatchRig.Rel32(0xE8, s0, Function(5)).AsSpan(1).ToArray()), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(Step(s0 + 1, TextPatchRig.Rel32(0xE8, s0, Function(0)).AsSpan(1).ToArray()), Is.Zero);
        Assert.That(Step(s0, 0xE8), Is.Zero);
        Assert.That(Now(s0, 5), Is.EqualTo(TextPatchRig.Rel32(0xE8, s0, Function(0))));

        // A trampoline is not a site.
        Assert.That(Step(Trampoline(Calls), 0xCC), Is.EqualTo(-(long)LinuxErrno.ENOENT));
    }
}
