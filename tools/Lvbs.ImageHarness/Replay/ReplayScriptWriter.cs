using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using System;
using Lvbs.Kernel.Boot.Replay;

namespace Lvbs.ImageHarness.Replay;

/// <summary>
/// Serialises a VTL0 replay script, version 1 ("LVBSRPL1"). The format is specified once, by
/// its parser in the kernel (kernel/Core/Boot/Replay/ReplayScript.cs); this writer produces
/// exactly that layout and refuses what the parser would refuse about the memory layout.
/// </summary>
public static class ReplayScriptWriter
{
    /// <summary>Header size (§1).</summary>
    public const int HeaderSize = 64;

    /// <summary>Step record size (§2).</summary>
    public const int StepSize = 48;

    /// <summary>Page record size (§3).</summary>
    public const int PageRecordSize = 16 + PageSize;

    /// <summary>Guest page size.</summary>
    public const int PageSize = 4096;

    /// <summary>The replay guest owns guest-physical [0, 1 MiB) in the image: no page may go there.</summary>
    public const ulong ReplayGuestRegionEnd = 1UL << 20;

    /// <summary>Writes the script.</summary>
    /// <exception cref="ArgumentException">A page is unaligned, the wrong size, out of order or outside lower-VTL RAM.</exception>
    public static byte[] Write(ulong ramEnd, ulong vtl1Start, ulong vtl1End, IReadOnlyList<ReplayStepRecord> steps, IReadOnlyList<ReplayPageRecord> pages)
    {
        if (vtl1Start < ReplayGuestRegionEnd || vtl1Start >= vtl1End || vtl1End > ramEnd || ((ramEnd | vtl1Start | vtl1End) & (PageSize - 1)) != 0)
        {
            throw new ArgumentException("VTL1 must be a page-aligned range inside RAM, above the replay guest's first MiB");
        }

        var bytes = new byte[HeaderSize + (steps.Count * StepSize) + (pages.Count * PageRecordSize)];
        var span = bytes.AsSpan();
        Encoding.ASCII.GetBytes("LVBSRPL1").CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], ramEnd);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], vtl1Start);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], vtl1End);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)steps.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[44..], (uint)pages.Count);
        for (int i = 0; i < steps.Count; i++)
        {
            var r = span.Slice(HeaderSize + (i * StepSize), StepSize);
            var s = steps[i];
            BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)s.Kind);
            BinaryPrimitives.WriteUInt32LittleEndian(r[4..], (uint)s.Access);
            BinaryPrimitives.WriteUInt64LittleEndian(r[8..], s.A0);
            BinaryPrimitives.WriteUInt64LittleEndian(r[16..], s.A1);
            BinaryPrimitives.WriteUInt64LittleEndian(r[24..], s.A2);
            BinaryPrimitives.WriteUInt64LittleEndian(r[32..], s.A3);
            BinaryPrimitives.WriteInt64LittleEndian(r[40..], s.Expected);
        }

        int pagesOffset = HeaderSize + (steps.Count * StepSize);
        int previous = 0;
        for (int i = 0; i < pages.Count; i++)
        {
            var p = pages[i];
            if (p.Data.Length != PageSize || (p.Gpa & (PageSize - 1)) != 0 || p.Gpa < ReplayGuestRegionEnd || p.Gpa >= ramEnd ||
                (p.Gpa >= vtl1Start && p.Gpa < vtl1End) || p.BeforeStep < previous || p.BeforeStep > steps.Count)
            {
                throw new ArgumentException($"page record {i} (gpa 0x{p.Gpa:x}, before step {p.BeforeStep}) cannot be replayed");
            }

            previous = p.BeforeStep;
            var r = span.Slice(pagesOffset + (i * PageRecordSize), PageRecordSize);
            BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)p.BeforeStep);
            BinaryPrimitives.WriteUInt64LittleEndian(r[8..], p.Gpa);
            p.Data.CopyTo(r[16..]);
        }

        return bytes;
    }
}
