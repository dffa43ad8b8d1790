using System;
using System.Buffers.Binary;
using System.Text;
using Lvbs.Kernel.Boot.Replay;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kernel.Boot;

/// <summary>The VTL0 replay script parser (kernel/Core/Boot/Replay/ReplayScript.cs §1-§3).</summary>
public class ReplayScriptTests
{
    private const ulong Reserved = 1UL << 20;
    private const ulong RamEnd = 32UL << 20;
    private const ulong Vtl1Start = 1UL << 20;
    private const ulong Vtl1End = 16UL << 20;
    private const int MaxSteps = 100;

    // A valid script: call, write probe, execute probe; page 0 before step 0, page 1 before step 2.
    private static byte[] Script()
    {
        const int steps = 3, pages = 2;
        byte[] b = new byte[ReplayScript.HeaderSize + (steps * ReplayScript.StepSize) + (pages * ReplayScript.PageRecordSize)];
        Encoding.ASCII.GetBytes("LVBSRPL1").CopyTo(b, 0);
        U32(b, 8, 1);
        U32(b, 12, 64);
        U64(b, 16, RamEnd);
        U64(b, 24, Vtl1Start);
        U64(b, 32, Vtl1End);
        U32(b, 40, steps);
        U32(b, 44, pages);
        Step(b, 0, 1, 0, 0x1FFE4, 0x100_0000 + 0x1000, 3, 0, 0);
        Step(b, 1, 2, 2, 0x100_2000, 0x5A, 0, 0, 1);
        Step(b, 2, 2, 3, 0x100_3000, 0, 0, 0, 0);
        Page(b, 0, 0, 0x100_1000, 0x11);
        Page(b, 1, 2, 0x100_2000, 0x22);
        return b;
    }

    private static int StepAt(int i) => ReplayScript.HeaderSize + (i * ReplayScript.StepSize);

    private static int PageAt(int i) => ReplayScript.HeaderSize + (3 * ReplayScript.StepSize) + (i * ReplayScript.PageRecordSize);

    private static void U32(byte[] b, int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);

    private static void U64(byte[] b, int at, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v);

    private static void Step(byte[] b, int i, uint kind, uint access, ulong a0, ulong a1, ulong a2, ulong a3, long expected)
    {
        int at = StepAt(i);
        U32(b, at, kind);
        U32(b, at + 4, access);
        U64(b, at + 8, a0);
        U64(b, at + 16, a1);
        U64(b, at + 24, a2);
        U64(b, at + 32, a3);
        U64(b, at + 40, unchecked((ulong)expected));
    }

    private static void Page(byte[] b, int i, uint before, ulong gpa, byte fill)
    {
        int at = PageAt(i);
        U32(b, at, before);
        U64(b, at + 8, gpa);
        b.AsSpan(at + 16, ReplayScript.PageSize).Fill(fill);
    }

    [Test]
    public void WhenWellFormed_LayoutStepsAndPagesRead()
    {
        byte[] b = Script();
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out ReplayScriptLayout l, out int bad), Is.EqualTo(ReplayScriptStatus.Ok));
        Assert.That((l.RamEnd, l.Vtl1Start, l.Vtl1End, l.StepCount, l.PageCount, bad), Is.EqualTo((RamEnd, Vtl1Start, Vtl1End, 3, 2, -1)));
        ReplayStep call = ReplayScript.ReadStep(b, 0);
        Assert.That((call.Kind, call.Access, call.A0, call.A1, call.A2, call.Expected),
            Is.EqualTo((ReplayStepKind.Call, ReplayAccess.None, 0x1FFE4UL, 0x100_1000UL, 3UL, 0L)));
        ReplayStep write = ReplayScript.ReadStep(b, 1);
        Assert.That((write.Kind, write.Access, write.A0, write.A1, write.Expected),
            Is.EqualTo((ReplayStepKind.Probe, ReplayAccess.Write, 0x100_2000UL, 0x5AUL, (long)ReplayProbeOutcome.Refused)));
        Assert.That((ReplayScript.PageBeforeStep(b, l, 1), ReplayScript.PageGpa(b, l, 1), ReplayScript.PageData(b, l, 1)[4095]),
            Is.EqualTo((2, 0x100_2000UL, (byte)0x22)));
    }

    [Test]
    public void WhenNegativeResultExpected_ItIsKeptSigned()
    {
        byte[] b = Script();
        Step(b, 0, 1, 0, 0x1FFE4, 0, 0, 0, -22);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out _), Is.EqualTo(ReplayScriptStatus.Ok));
        Assert.That(ReplayScript.ReadStep(b, 0).Expected, Is.EqualTo(-22L));
    }

    [TestCase(0)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(64 + 48)]
    [TestCase(-1)]
    public void WhenTruncated_Refused(int keep)
    {
        byte[] b = Script();
        byte[] cut = b.AsSpan(0, keep < 0 ? b.Length - 1 : keep).ToArray();
        Assert.That(ReplayScript.TryParse(cut, Reserved, MaxSteps, out ReplayScriptLayout l, out _), Is.EqualTo(ReplayScriptStatus.Truncated));
        Assert.That(l, Is.EqualTo(default(ReplayScriptLayout)));
    }

    [Test]
    public void WhenBytesFollowTheLastPage_Refused()
    {
        byte[] b = Script();
        Array.Resize(ref b, b.Length + 1);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out _), Is.EqualTo(ReplayScriptStatus.TrailingBytes));
    }

    [Test]
    public void WhenMagicIsWrong_Refused()
    {
        byte[] b = Script();
        b[7] = (byte)'2';
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out _), Is.EqualTo(ReplayScriptStatus.BadMagic));
    }

    [TestCase(8, 2u, ReplayScriptStatus.UnsupportedVersion)]
    [TestCase(12, 48u, ReplayScriptStatus.UnsupportedVersion)]
    [TestCase(48, 1u, ReplayScriptStatus.BadHeader)]
    [TestCase(60, 1u, ReplayScriptStatus.BadHeader)]
    public void WhenHeaderFieldIsUnknown_Refused(int offset, uint value, ReplayScriptStatus expected)
    {
        byte[] b = Script();
        U32(b, offset, value);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out _), Is.EqualTo(expected));
    }

    [TestCase(RamEnd + 1, Vtl1Start, Vtl1End, TestName = "RamEndUnaligned")]
    [TestCase(RamEnd, 0x8_0000UL, Vtl1End, TestName = "Vtl1OverlapsReplayGuest")]
    [TestCase(RamEnd, Vtl1Start + 0x800, Vtl1End, TestName = "Vtl1Unaligned")]
    [TestCase(RamEnd, Vtl1End, Vtl1End, TestName = "Vtl1Empty")]
    [TestCase(RamEnd, Vtl1Start, RamEnd + 4096, TestName = "Vtl1PastRamEnd")]
    [TestCase((1UL << 32) + 4096, Vtl1Start, Vtl1End, TestName = "RamEndAbove4GiB")]
    public void WhenMemoryLayoutIsImpossible_Refused(ulong ramEnd, ulong vtl1Start, ulong vtl1End)
    {
        byte[] b = Script();
        U64(b, 16, ramEnd);
        U64(b, 24, vtl1Start);
        U64(b, 32, vtl1End);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out _), Is.EqualTo(ReplayScriptStatus.BadMemoryLayout));
    }

    [Test]
    public void WhenMoreStepsThanTheCallerRuns_Refused()
    {
        byte[] b = Script();
        Assert.That(ReplayScript.TryParse(b, Reserved, 2, out _, out _), Is.EqualTo(ReplayScriptStatus.CountTooLarge));
    }

    [TestCase(40, uint.MaxValue, ReplayScriptStatus.CountTooLarge, TestName = "StepCountAboveAnyLimit")]
    [TestCase(40, (uint)int.MaxValue, ReplayScriptStatus.Truncated, TestName = "StepCountHugeButAllowed")]
    [TestCase(44, uint.MaxValue, ReplayScriptStatus.CountTooLarge, TestName = "PageCountHuge")]
    [TestCase(44, (uint)(RamEnd / 4096) + 1, ReplayScriptStatus.CountTooLarge, TestName = "MorePagesThanRam")]
    [TestCase(44, (uint)(RamEnd / 4096), ReplayScriptStatus.Truncated, TestName = "AsManyPagesAsRamButAbsent")]
    public void WhenCountsAreTooLarge_RefusedWithoutOverflow(int offset, uint value, ReplayScriptStatus expected)
    {
        byte[] b = Script();
        U32(b, offset, value);
        Assert.That(ReplayScript.TryParse(b, Reserved, int.MaxValue, out _, out _), Is.EqualTo(expected));
    }

    [TestCase(3u, 0u, 0x1FFE4UL, 0UL, 0L, TestName = "UnknownKind")]
    [TestCase(1u, 1u, 0x1FFE4UL, 0UL, 0L, TestName = "CallWithAccess")]
    [TestCase(1u, 0u, 0x4C565410UL, 0UL, 0L, TestName = "CallWithBookkeepingId")]
    [TestCase(2u, 4u, 0x100_2000UL, 0UL, 0L, TestName = "UnknownAccess")]
    [TestCase(2u, 0u, 0x100_2000UL, 0UL, 0L, TestName = "ProbeWithoutAccess")]
    [TestCase(2u, 1u, RamEnd, 0UL, 0L, TestName = "ProbePastRamEnd")]
    [TestCase(2u, 1u, 0x8_0000UL, 0UL, 0L, TestName = "ProbeInsideReplayGuest")]
    [TestCase(2u, 3u, 0x100_2001UL, 0UL, 0L, TestName = "ExecuteProbeUnaligned")]
    [TestCase(2u, 2u, 0x100_2000UL, 0x100UL, 0L, TestName = "WriteProbeValueNotAByte")]
    [TestCase(2u, 1u, 0x100_2000UL, 0UL, 2L, TestName = "ProbeOutcomeUnknown")]
    public void WhenAStepIsMalformed_RefusedWithItsIndex(uint kind, uint access, ulong a0, ulong a1, long expected)
    {
        byte[] b = Script();
        Step(b, 2, kind, access, a0, a1, 0, 0, expected);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out ReplayScriptLayout l, out int bad), Is.EqualTo(ReplayScriptStatus.BadStep));
        Assert.That((bad, l), Is.EqualTo((2, default(ReplayScriptLayout))));
    }

    [Test]
    public void WhenAProbeTargetsVtl1_ItIsAccepted()
    {
        // An access VTL1 must refuse is a legitimate thing to replay.
        byte[] b = Script();
        Step(b, 2, 2, 1, Vtl1Start, 0, 0, 0, 1);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out _), Is.EqualTo(ReplayScriptStatus.Ok));
    }

    [TestCase(0u, 0x100_1800UL, TestName = "PageUnaligned")]
    [TestCase(0u, Vtl1Start + 0x1000, TestName = "PageInsideVtl1")]
    [TestCase(0u, 0x4_0000UL, TestName = "PageInsideReplayGuest")]
    [TestCase(0u, RamEnd, TestName = "PagePastRamEnd")]
    [TestCase(4u, 0x100_1000UL, TestName = "PageAfterLastStep")]
    public void WhenAPageRecordIsMalformed_RefusedWithItsIndex(uint before, ulong gpa)
    {
        byte[] b = Script();
        Page(b, 1, before, gpa, 0x22);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out int bad), Is.EqualTo(ReplayScriptStatus.BadPage));
        Assert.That(bad, Is.EqualTo(1));
    }

    [Test]
    public void WhenPageRecordReservedFieldIsSet_Refused()
    {
        byte[] b = Script();
        U32(b, PageAt(0) + 4, 1);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out int bad), Is.EqualTo(ReplayScriptStatus.BadPage));
        Assert.That(bad, Is.EqualTo(0));
    }

    [Test]
    public void WhenPagesAreOutOfOrder_Refused()
    {
        byte[] b = Script();
        Page(b, 0, 3, 0x100_1000, 0x11);
        Assert.That(ReplayScript.TryParse(b, Reserved, MaxSteps, out _, out int bad), Is.EqualTo(ReplayScriptStatus.PagesOutOfOrder));
        Assert.That(bad, Is.EqualTo(1));
    }
}
