using System.Collections.Generic;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>Reads the heki log ring from guest RAM as a VTL0 reader would: the live records, oldest first.</summary>
internal static class LogRingReader
{
    /// <summary>The text of every record still in the ring at <paramref name="ring"/>.</summary>
    public static List<string> Read(SimulatedMachine machine, ulong ring)
    {
        byte[] header = new byte[LogRingHeader.HeaderSize];
        machine.Ram.Read(ring, header);
        Assert.That(LogRingHeader.TryRead(header, out LogRingHeader h), Is.True);
        var lines = new List<string>();
        ulong first = h.NextSequence > h.SlotCount ? h.NextSequence - h.SlotCount : 0;
        for (ulong seq = first; seq < h.NextSequence; seq++)
        {
            byte[] slot = new byte[LogRingRecord.Size];
            machine.Ram.Read(ring + LogRingHeader.HeaderSize + ((seq % h.SlotCount) * LogRingRecord.Size), slot);
            Assert.That(LogRingRecord.TryRead(slot, out LogRingRecord rec), Is.True);
            Assert.That(rec.Sequence, Is.EqualTo(seq));
            lines.Add(Encoding.ASCII.GetString(slot, LogRingRecord.TextOffset, rec.Length));
        }

        return lines;
    }
}
