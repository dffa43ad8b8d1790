using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Kernel.Heki.Kdata;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>Malformed-input tests for the LOAD_KDATA parsers, the kimage prefix and the log ring layout.</summary>
public class KdataParserTests
{
    private static readonly string[] Names = { "alpha", "beta", "gamma", "kfree", "zeta" };

    private static KernelDataImage Image(byte[] rodata)
    {
        var r = new[] { new HekiRange { Va = SimulatedKernelImage.RodataVa, Pa = 0x1000, Epa = 0x1000 + (ulong)rodata.Length, Attributes = (ulong)HekiKdataType.KernelData } };
        Assert.That(KernelDataImage.TryBuild(r, rodata, out KernelDataImage? image), Is.EqualTo((LinuxErrno)0));
        return image!;
    }

    [Test]
    public void ValidTableResolvesEveryName()
    {
        SimulatedKernelImage k = SimulatedKernelImage.Build(Names);
        Assert.That(KernelSymbolTable.TryBuild(k.Info, Image(k.Rodata), 100, out KernelSymbolTable? t), Is.EqualTo((LinuxErrno)0));
        foreach (string n in Names)
        {
            Assert.That(t!.TryResolve(System.Text.Encoding.ASCII.GetBytes(n), out ulong a), Is.True, n);
            Assert.That(a, Is.EqualTo(k.AddressOf(n)));
        }

        Assert.That(t!.TryResolve("kfre"u8, out _), Is.False);
        Assert.That(t.TryResolve("kfreee"u8, out _), Is.False);
    }

    [Test]
    public void UnsortedTableIsRefused()
    {
        SimulatedKernelImage k = SimulatedKernelImage.Build(Names);
        byte[] rodata = (byte[])k.Rodata.Clone();
        int at = (int)(k.Info.KsymtabStart - SimulatedKernelImage.RodataVa);
        // Swap the first two plain entries' name offsets (each relative to its own field: adjust by 12).
        int n0 = BitConverter.ToInt32(rodata, at + 4);
        int n1 = BitConverter.ToInt32(rodata, at + 16);
        BitConverter.TryWriteBytes(rodata.AsSpan(at + 4), n1 + 12);
        BitConverter.TryWriteBytes(rodata.AsSpan(at + 16), n0 - 12);
        Assert.That(KernelSymbolTable.TryBuild(k.Info, Image(rodata), 100, out _), Is.EqualTo(LinuxErrno.EINVAL));
    }

    [Test]
    public void NameOutsideTheDataOrUnterminatedIsRefused()
    {
        SimulatedKernelImage k = SimulatedKernelImage.Build(Names);
        byte[] rodata = (byte[])k.Rodata.Clone();
        int at = (int)(k.Info.KsymtabStart - SimulatedKernelImage.RodataVa);
        BitConverter.TryWriteBytes(rodata.AsSpan(at + 4), 0x100000);
        Assert.That(KernelSymbolTable.TryBuild(k.Info, Image(rodata), 100, out _), Is.EqualTo(LinuxErrno.EINVAL));

        rodata = (byte[])k.Rodata.Clone();
        Array.Fill(rodata, (byte)'a', rodata.Length - 0x60, 0x60);
        SimulatedKernelImage big = k;
        // The last string now runs to the end of the data without a NUL.
        Assert.That(KernelSymbolTable.TryBuild(big.Info, Image(rodata), 100, out _), Is.EqualTo(LinuxErrno.EINVAL));
    }

    [Test]
    public void BoundsMustBeWholeEntriesInsideTheDataAndWithinTheLimit()
    {
        SimulatedKernelImage k = SimulatedKernelImage.Build(Names);
        HekiKernelInfo info = k.Info;
        info.KsymtabEnd += 1;
        Assert.That(KernelSymbolTable.TryBuild(info, Image(k.Rodata), 100, out _), Is.EqualTo(LinuxErrno.EINVAL));
        info = k.Info;
        info.KsymtabGplEnd = info.KsymtabGplStart - 12;
        Assert.That(KernelSymbolTable.TryBuild(info, Image(k.Rodata), 100, out _), Is.EqualTo(LinuxErrno.EINVAL));
        info = k.Info;
        info.KsymtabStart -= 0x1000;
        Assert.That(KernelSymbolTable.TryBuild(info, Image(k.Rodata), 1000, out _), Is.EqualTo(LinuxErrno.EINVAL));
        Assert.That(KernelSymbolTable.TryBuild(k.Info, Image(k.Rodata), 4, out _), Is.EqualTo(LinuxErrno.ERANGE));
    }

    [Test]
    public void OverlappingKernelDataRangesAreRefused()
    {
        var r = new[]
        {
            new HekiRange { Va = 0xFFFF_FFFF_8200_0000, Pa = 0x1000, Epa = 0x2000, Attributes = (ulong)HekiKdataType.KernelData },
            new HekiRange { Va = 0xFFFF_FFFF_8200_0800, Pa = 0x3000, Epa = 0x4000, Attributes = (ulong)HekiKdataType.KernelData },
        };
        Assert.That(KernelDataImage.TryBuild(r, new byte[0x2000], out KernelDataImage? image), Is.EqualTo(LinuxErrno.EINVAL));
        Assert.That(image, Is.Null);
    }

    [Test]
    public void KexecPrefixParsesAndRejectsBadSegments()
    {
        byte[] k = new byte[KexecImagePrefix.Size];
        BitConverter.TryWriteBytes(k.AsSpan(KexecImagePrefix.SegmentCountOffset), 2UL);
        for (int i = 0; i < 2; i++)
        {
            int s = KexecImagePrefix.SegmentsOffset + (i * KexecSegment.Size);
            BitConverter.TryWriteBytes(k.AsSpan(s), 0xFFFF_8880_0100_0000UL);
            BitConverter.TryWriteBytes(k.AsSpan(s + 8), 0x1800UL);
            BitConverter.TryWriteBytes(k.AsSpan(s + 16), 0x100_0000UL + ((ulong)i << 20));
            BitConverter.TryWriteBytes(k.AsSpan(s + 24), 0x2000UL);
        }

        var segs = new KexecSegment[KexecImagePrefix.MaxSegments];
        Assert.That(KexecImagePrefix.TryParse(k, segs), Is.EqualTo(2));
        Assert.That(segs[1].Mem, Is.EqualTo(0x110_0000UL));
        Assert.That(KexecImagePrefix.TryParse(k.AsSpan(0, KexecImagePrefix.Size - 1), segs), Is.EqualTo(-1));

        byte[] bad = (byte[])k.Clone();
        BitConverter.TryWriteBytes(bad.AsSpan(KexecImagePrefix.SegmentCountOffset), 17UL);
        Assert.That(KexecImagePrefix.TryParse(bad, segs), Is.EqualTo(-1));
        bad = (byte[])k.Clone();
        BitConverter.TryWriteBytes(bad.AsSpan(KexecImagePrefix.SegmentsOffset + 16), 0x100_0001UL);
        Assert.That(KexecImagePrefix.TryParse(bad, segs), Is.EqualTo(-1));
        bad = (byte[])k.Clone();
        BitConverter.TryWriteBytes(bad.AsSpan(KexecImagePrefix.SegmentsOffset + 8), 0x3000UL);
        Assert.That(KexecImagePrefix.TryParse(bad, segs), Is.EqualTo(-1));
    }

    [Test]
    public void WireLayouts()
    {
        Assert.That(Unsafe.SizeOf<HekiKernelInfo>(), Is.EqualTo(32));
        Assert.That((int)Marshal.OffsetOf<HekiKernelInfo>(nameof(HekiKernelInfo.KsymtabGplStart)), Is.EqualTo(16));
        Assert.That(Unsafe.SizeOf<KernelSymbolEntry>(), Is.EqualTo(12));
        Assert.That((int)Marshal.OffsetOf<KernelSymbolEntry>(nameof(KernelSymbolEntry.NameOffset)), Is.EqualTo(4));
        Assert.That(Unsafe.SizeOf<KexecSegment>(), Is.EqualTo(32));
        Assert.That(KexecImagePrefix.SegmentsOffset + (KexecImagePrefix.MaxSegments * KexecSegment.Size), Is.EqualTo(KexecImagePrefix.Size));
        Assert.That(Unsafe.SizeOf<LogRingHeader>(), Is.EqualTo(64));
        Assert.That((int)Marshal.OffsetOf<LogRingHeader>(nameof(LogRingHeader.NextSequence)), Is.EqualTo(16));
        Assert.That(Unsafe.SizeOf<LogRingRecord>(), Is.EqualTo(LogRingRecord.HeaderSize));
        Assert.That((int)Marshal.OffsetOf<LogRingRecord>(nameof(LogRingRecord.Length)), Is.EqualTo(10));
        byte[] slot = new byte[LogRingRecord.Size];
        LogRingRecord.WriteSlot(slot, 7, LogLevel.Warning, new byte[200]);
        Assert.That(LogRingRecord.TryRead(slot, out LogRingRecord r), Is.True);
        Assert.That((r.Sequence, r.Level, r.Length), Is.EqualTo((7UL, (byte)4, (ushort)LogRingRecord.MaxText)));
        slot[10] = 0xFF;
        Assert.That(LogRingRecord.TryRead(slot, out _), Is.False);
    }
}
