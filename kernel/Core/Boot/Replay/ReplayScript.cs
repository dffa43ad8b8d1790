using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Boot.Replay;

/// <summary>
/// The VTL0 replay script, version 1: a VTL0 call sequence recorded on the host (the simulated
/// VTL0 driver against the hosted kernel) and replayed in the image under the native SVM
/// backend (<c>guest=replay</c>). All fields little-endian. This type is the format's
/// specification; the writer is tools/Lvbs.ImageHarness/Replay.
/// <code>
/// §1 header (64 bytes)
///    0  magic "LVBSRPL1"          8  u32 version = 1        12  u32 header size = 64
///   16  u64 RAM end: lower-VTL guest-physical RAM is [0, RAM end); page multiple, ≤ 4 GiB
///   24  u64 VTL1 start           32  u64 VTL1 end: the secure kernel's range, never mapped for VTL0
///   40  u32 step count           44  u32 page count          48  u64 reserved = 0   56  u64 reserved = 0
/// §2 steps (step count × 48 bytes), run in order
///    0  u32 kind (1 call, 2 probe)    4  u32 access (call 0; probe 1 read, 2 write, 3 execute)
///    8  u64 a0 (call: RDI; probe: GPA)   16 u64 a1 (RSI; probe write: the byte)   24 u64 a2 (RDX)   32 u64 a3 (R8)
///   40  i64 expected (call: the R8 result; probe: 0 completes, 1 refused)
/// §3 pages (page count × 4112 bytes), ordered by "before step"
///    0  u32 before step: the page holds these bytes when step N starts (N ≤ step count)
///    4  u32 reserved = 0          8  u64 GPA (page aligned)   16  4096 bytes
/// </code>
/// Guest-physical [0, reserved end) belongs to the replay guest itself: no page, probe or VTL1
/// range may touch it. Call ids in [<see cref="BookkeepingFirst"/>, <see cref="BookkeepingLast"/>]
/// are the replay guest's own and may not be recorded. Nothing may follow the last page.
/// </summary>
public static class ReplayScript
{
    /// <summary>Format version this parser reads.</summary>
    public const uint Version = 1;

    /// <summary>§1: header size.</summary>
    public const int HeaderSize = 64;

    /// <summary>§2: one step record.</summary>
    public const int StepSize = 48;

    /// <summary>§3: one page record (16-byte prefix + one page).</summary>
    public const int PageRecordSize = 16 + PageSize;

    /// <summary>Guest page size.</summary>
    public const int PageSize = 4096;

    /// <summary>Highest RAM end a script may declare (the replay guest identity-maps 4 GiB).</summary>
    public const ulong MaxRamEnd = 1UL << 32;

    /// <summary>First call id the replay guest uses for its own bookkeeping.</summary>
    public const ulong BookkeepingFirst = 0x4C56_5400;

    /// <summary>Last call id reserved for bookkeeping (covers the test guest's ids too).</summary>
    public const ulong BookkeepingLast = 0x4C56_54FF;

    private static ReadOnlySpan<byte> Magic => "LVBSRPL1"u8;

    /// <summary>
    /// Validates a whole script. <paramref name="reservedEnd"/> is the end of the replay guest's
    /// own low memory; <paramref name="maxSteps"/> is how many steps the caller can run. On
    /// failure <paramref name="layout"/> is default and <paramref name="badIndex"/> names the
    /// offending step or page record (-1 for the header).
    /// </summary>
    public static ReplayScriptStatus TryParse(ReadOnlySpan<byte> script, ulong reservedEnd, int maxSteps,
        out ReplayScriptLayout layout, out int badIndex)
    {
        layout = default;
        badIndex = -1;
        if (script.Length < HeaderSize)
        {
            return ReplayScriptStatus.Truncated;
        }

        if (!script.Slice(0, 8).SequenceEqual(Magic))
        {
            return ReplayScriptStatus.BadMagic;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(script.Slice(8)) != Version ||
            BinaryPrimitives.ReadUInt32LittleEndian(script.Slice(12)) != HeaderSize)
        {
            return ReplayScriptStatus.UnsupportedVersion;
        }

        ulong ramEnd = BinaryPrimitives.ReadUInt64LittleEndian(script.Slice(16));
        ulong vtl1Start = BinaryPrimitives.ReadUInt64LittleEndian(script.Slice(24));
        ulong vtl1End = BinaryPrimitives.ReadUInt64LittleEndian(script.Slice(32));
        uint steps = BinaryPrimitives.ReadUInt32LittleEndian(script.Slice(40));
        uint pages = BinaryPrimitives.ReadUInt32LittleEndian(script.Slice(44));
        if (BinaryPrimitives.ReadUInt64LittleEndian(script.Slice(48)) != 0 ||
            BinaryPrimitives.ReadUInt64LittleEndian(script.Slice(56)) != 0)
        {
            return ReplayScriptStatus.BadHeader;
        }

        // §1: page-aligned ranges, VTL1 strictly inside RAM and above the replay guest.
        const ulong pageMask = PageSize - 1;
        if ((ramEnd & pageMask) != 0 || (vtl1Start & pageMask) != 0 || (vtl1End & pageMask) != 0 ||
            ramEnd > MaxRamEnd || reservedEnd > ramEnd || vtl1Start < reservedEnd || vtl1Start >= vtl1End || vtl1End > ramEnd)
        {
            return ReplayScriptStatus.BadMemoryLayout;
        }

        if (maxSteps < 0 || steps > (uint)maxSteps || pages > ramEnd / PageSize)
        {
            return ReplayScriptStatus.CountTooLarge;
        }

        ulong stepsEnd = HeaderSize + (ulong)steps * StepSize;
        ulong total = stepsEnd + (ulong)pages * PageRecordSize; // ≤ 64 + 2^32·48 + 2^20·4112: no overflow
        if ((ulong)script.Length < total)
        {
            return ReplayScriptStatus.Truncated;
        }

        if ((ulong)script.Length > total)
        {
            return ReplayScriptStatus.TrailingBytes;
        }

        var candidate = new ReplayScriptLayout
        {
            RamEnd = ramEnd,
            Vtl1Start = vtl1Start,
            Vtl1End = vtl1End,
            StepCount = (int)steps,
            PageCount = (int)pages,
            PagesOffset = (int)stepsEnd,
        };

        for (int i = 0; i < candidate.StepCount; i++)
        {
            if (!StepIsValid(ReadStep(script, i), reservedEnd, ramEnd))
            {
                badIndex = i;
                return ReplayScriptStatus.BadStep;
            }
        }

        uint previous = 0;
        for (int i = 0; i < candidate.PageCount; i++)
        {
            ReadOnlySpan<byte> record = script.Slice(candidate.PagesOffset + (i * PageRecordSize), 16);
            uint before = BinaryPrimitives.ReadUInt32LittleEndian(record);
            ulong gpa = BinaryPrimitives.ReadUInt64LittleEndian(record.Slice(8));
            badIndex = i;
            if (BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(4)) != 0 || before > steps ||
                (gpa & pageMask) != 0 || gpa < reservedEnd || gpa >= ramEnd || (gpa >= vtl1Start && gpa < vtl1End))
            {
                return ReplayScriptStatus.BadPage;
            }

            if (before < previous)
            {
                return ReplayScriptStatus.PagesOutOfOrder;
            }

            previous = before;
        }

        badIndex = -1;
        layout = candidate;
        return ReplayScriptStatus.Ok;
    }

    /// <summary>Step <paramref name="index"/> of a script <see cref="TryParse"/> accepted.</summary>
    public static ReplayStep ReadStep(ReadOnlySpan<byte> script, int index)
    {
        ReadOnlySpan<byte> r = script.Slice(HeaderSize + (index * StepSize), StepSize);
        return new ReplayStep
        {
            Kind = (ReplayStepKind)BinaryPrimitives.ReadUInt32LittleEndian(r),
            Access = (ReplayAccess)BinaryPrimitives.ReadUInt32LittleEndian(r.Slice(4)),
            A0 = BinaryPrimitives.ReadUInt64LittleEndian(r.Slice(8)),
            A1 = BinaryPrimitives.ReadUInt64LittleEndian(r.Slice(16)),
            A2 = BinaryPrimitives.ReadUInt64LittleEndian(r.Slice(24)),
            A3 = BinaryPrimitives.ReadUInt64LittleEndian(r.Slice(32)),
            Expected = BinaryPrimitives.ReadInt64LittleEndian(r.Slice(40)),
        };
    }

    /// <summary>The step page record <paramref name="index"/> precedes.</summary>
    public static int PageBeforeStep(ReadOnlySpan<byte> script, in ReplayScriptLayout layout, int index) =>
        (int)BinaryPrimitives.ReadUInt32LittleEndian(script.Slice(layout.PagesOffset + (index * PageRecordSize)));

    /// <summary>The guest-physical address of page record <paramref name="index"/>.</summary>
    public static ulong PageGpa(ReadOnlySpan<byte> script, in ReplayScriptLayout layout, int index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(script.Slice(layout.PagesOffset + (index * PageRecordSize) + 8));

    /// <summary>The 4096 bytes of page record <paramref name="index"/>.</summary>
    public static ReadOnlySpan<byte> PageData(ReadOnlySpan<byte> script, in ReplayScriptLayout layout, int index) =>
        script.Slice(layout.PagesOffset + (index * PageRecordSize) + 16, PageSize);

    // §2: every switch on a wire value rejects what it does not know.
    private static bool StepIsValid(in ReplayStep step, ulong reservedEnd, ulong ramEnd)
    {
        switch (step.Kind)
        {
            case ReplayStepKind.Call:
                return step.Access == ReplayAccess.None && (step.A0 < BookkeepingFirst || step.A0 > BookkeepingLast);
            case ReplayStepKind.Probe:
                bool known = step.Access switch
                {
                    ReplayAccess.Read => true,
                    ReplayAccess.Write => step.A1 <= 0xFF,
                    ReplayAccess.Execute => (step.A0 & (PageSize - 1)) == 0,
                    _ => false,
                };
                return known && step.A0 >= reservedEnd && step.A0 < ramEnd && step.A2 == 0 && step.A3 == 0 &&
                    (step.Expected == (long)ReplayProbeOutcome.Completes || step.Expected == (long)ReplayProbeOutcome.Refused);
            default:
                return false;
        }
    }
}

/// <summary>Where the parts of an accepted replay script are (<see cref="ReplayScript.TryParse"/>).</summary>
public struct ReplayScriptLayout
{
    /// <summary>End (exclusive) of lower-VTL guest-physical RAM.</summary>
    public ulong RamEnd;

    /// <summary>First byte of the secure kernel's range.</summary>
    public ulong Vtl1Start;

    /// <summary>End (exclusive) of the secure kernel's range.</summary>
    public ulong Vtl1End;

    /// <summary>Number of steps.</summary>
    public int StepCount;

    /// <summary>Number of page records.</summary>
    public int PageCount;

    /// <summary>Byte offset of the first page record.</summary>
    public int PagesOffset;
}
