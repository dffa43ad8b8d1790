using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki.Kexec;
using Lvbs.Kernel.Heki.Modules;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.Kexec;

/// <summary>The kimage entry-list walk (kexec_core.c IND_* entries) with hostile lists.</summary>
public class KexecEntryListTests
{
    private const ushort Owner = ProtectedFrames.KexecNormal;
    private const ulong EntryPage = 0x10_0000;
    private const ulong SourceBase = 0x11_0000;
    private const ulong Dest = 0x30_0000;
    private const int Einval = (int)LinuxErrno.EINVAL;

    private SimulatedMachine _m = null!;
    private ProtectedFrames _frames = null!;
    private KexecEntryList _walker = null!;
    private readonly KexecSegment[] _segments = { new KexecSegment { Mem = Dest, MemSize = 0x3000, BufSize = 0x3000 } };
    private readonly int[] _first = { 0 };

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions());
        _frames = new ProtectedFrames(_m.Options.RamSize >> 12);
        _walker = new KexecEntryList(_m);
        _frames.Set(EntryPage >> 12, Owner);
        for (ulong i = 0; i < 4; i++)
        {
            _frames.Set((SourceBase >> 12) + i, Owner);
        }
    }

    private void WriteEntries(ulong pagePa, params ulong[] entries)
    {
        byte[] page = new byte[4096];
        for (int i = 0; i < entries.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(i * 8), entries[i]);
        }

        _m.Ram.Write(pagePa, page);
    }

    private int Walk(ulong head, ulong[] sources) => _walker.Walk(head, _segments, _first, sources, _frames, Owner, 8);

    private static ulong Src(int i) => SourceBase + ((ulong)i * 0x1000);

    [Test]
    public void WellFormedListMapsEveryDestinationPage()
    {
        WriteEntries(EntryPage, Dest | 1, Src(0) | 8, Src(1) | 8, Src(2) | 8, 4);
        ulong[] sources = new ulong[3];
        Assert.That(Walk(EntryPage | 2, sources), Is.Zero);
        Assert.That(sources, Is.EqualTo(new[] { Src(0) | 1, Src(1) | 1, Src(2) | 1 }));
        Assert.That(_frames.OwnerOf(Src(0) >> 12), Is.EqualTo(Owner), "marks restored");
    }

    [Test]
    public void SourceMayBeItsOwnDestination()
    {
        _frames.Set(Dest >> 12, Owner);
        WriteEntries(EntryPage, Dest | 1, Dest | 8, Src(1) | 8, Src(2) | 8, 4);
        Assert.That(Walk(EntryPage | 2, new ulong[3]), Is.Zero);
    }

    [TestCase("missingPage")]
    [TestCase("noDestination")]
    [TestCase("outsideSegments")]
    [TestCase("destinationTwice")]
    [TestCase("sourceTwice")]
    [TestCase("sourceOverwrittenEarlier")]
    [TestCase("sourceNotProtected")]
    [TestCase("entryPageNotProtected")]
    [TestCase("noFlag")]
    [TestCase("twoFlags")]
    [TestCase("headIsSource")]
    [TestCase("cycle")]
    [TestCase("pastLastSlot")]
    public void HostileListsAreEinval(string defect)
    {
        ulong head = EntryPage | 2;
        switch (defect)
        {
            case "missingPage": WriteEntries(EntryPage, Dest | 1, Src(0) | 8, Src(1) | 8, 4); break;
            case "noDestination": WriteEntries(EntryPage, Src(0) | 8, 4); break;
            case "outsideSegments": WriteEntries(EntryPage, (Dest + 0x3000) | 1, Src(0) | 8, 4); break;
            case "destinationTwice": WriteEntries(EntryPage, Dest | 1, Src(0) | 8, Dest | 1, Src(1) | 8, 4); break;
            case "sourceTwice": WriteEntries(EntryPage, Dest | 1, Src(0) | 8, Src(0) | 8, Src(1) | 8, 4); break;
            case "sourceOverwrittenEarlier":
                // Page Dest is written first, then read as the source of Dest+0x1000.
                _frames.Set(Dest >> 12, Owner);
                WriteEntries(EntryPage, Dest | 1, Src(0) | 8, Dest | 8, Src(2) | 8, 4);
                break;
            case "sourceNotProtected": WriteEntries(EntryPage, Dest | 1, Src(0) | 8, 0x20_0000 | 8, Src(2) | 8, 4); break;
            case "entryPageNotProtected": head = 0x20_0000 | 2; WriteEntries(0x20_0000, Dest | 1, Src(0) | 8, Src(1) | 8, Src(2) | 8, 4); break;
            case "noFlag": WriteEntries(EntryPage, Dest | 1, Src(0), 4); break;
            case "twoFlags": WriteEntries(EntryPage, Dest | 1, Src(0) | 9, 4); break;
            case "headIsSource": head = Src(0) | 8; break;
            case "cycle": WriteEntries(EntryPage, EntryPage | 2); break; // only the entry-page bound stops it
            case "pastLastSlot":
                ulong[] e = new ulong[KexecEntryList.EntriesPerPage];
                e[0] = Dest | 1;
                for (int i = 1; i < e.Length; i++)
                {
                    e[i] = Dest | 1;
                }

                WriteEntries(EntryPage, e);
                break;
        }

        Assert.That(Walk(head, new ulong[3]), Is.EqualTo(Einval), defect);
        for (int i = 0; i < 4; i++)
        {
            Assert.That(_frames.OwnerOf(Src(i) >> 12), Is.EqualTo(Owner), "marks restored after " + defect);
        }
    }

    [Test]
    public void UnreadableEntryPageIsEfault()
    {
        ulong outside = _m.Options.RamSize + 0x1000;
        var frames = new ProtectedFrames((_m.Options.RamSize >> 12) + 4);
        frames.Set(outside >> 12, Owner);
        Assert.That(_walker.Walk(outside | 2, _segments, _first, new ulong[3], frames, Owner, 8), Is.EqualTo((int)LinuxErrno.EFAULT));
    }
}
