using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>The heki page-chain rules of lvbs-abi.md §1.3, one malformed input per test.</summary>
public class HekiChainReaderTests
{
    private const ulong ListPa = 0x20_0000;
    private const ulong Data = 0x40_0000;
    private const ulong R = (ulong)MemAttr.Read;

    private SimulatedMachine _m = null!;
    private TestPlatform _p = null!;
    private HekiChainReader _reader = null!;

    private ulong Vtl1Start => _m.Options.Vtl1Base;

    private ulong Vtl1End => _m.Options.Vtl1Base + _m.Options.Vtl1Size;

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions());
        _p = new TestPlatform(_m);
        _reader = new HekiChainReader(_p.Memory, Vtl1Start, Vtl1End, _m.Options.RamSize, maxPages: 4);
    }

    private HekiChainStatus ReadOne(HekiRange range, HekiRangeKind kind = HekiRangeKind.MemAttr)
    {
        ChainBuilder.WriteChain(_m, ListPa, new[] { range });
        return _reader.Read(ListPa, 1, kind);
    }

    [Test]
    public void WellFormedChainIsCopiedInOrder()
    {
        var ranges = new HekiRange[200];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = ChainBuilder.Range(Data + ((ulong)i * 0x1000), 0x1000, R);
        }

        ChainBuilder.WriteChain(_m, ListPa, ranges);
        Assert.That(_reader.Read(ListPa, 200, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.Ok));
        Assert.That(_reader.Ranges.Length, Is.EqualTo(200));
        Assert.That(_reader.Ranges[0].Pa, Is.EqualTo(Data));
        Assert.That(_reader.Ranges[199].Epa, Is.EqualTo(Data + (200 * 0x1000)));
    }

    [Test]
    public void EachPageIsFetchedOnceAndLaterVtl0ChangesAreNotSeen()
    {
        var ranges = new HekiRange[130];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = ChainBuilder.Range(Data + ((ulong)i * 0x1000), 0x1000, R);
        }

        ChainBuilder.WriteChain(_m, ListPa, ranges);
        // After VTL1 copies a page, VTL0 rewrites the first range to point into VTL1 memory.
        _p.AfterRead = gpa =>
        {
            byte[] evil = new byte[HekiRange.Size];
            ChainBuilder.Range(Vtl1Start, 0x1000, R).Write(evil);
            _m.Ram.Write(gpa + HekiPage.RangesOffset, evil);
        };
        Assert.That(_reader.Read(ListPa, 130, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.Ok));
        Assert.That(_p.ReadsPerPage[ListPa], Is.EqualTo(1));
        Assert.That(_p.ReadsPerPage[ListPa + 0x1000], Is.EqualTo(1));
        Assert.That(_reader.Ranges[0].Pa, Is.EqualTo(Data), "the validated copy is what VTL1 uses");
        Assert.That(_reader.Ranges[127].Pa, Is.EqualTo(Data + (127 * 0x1000)));
    }

    [Test]
    public void FailureAfterSuccessExposesNoRanges()
    {
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x1000, R)), Is.EqualTo(HekiChainStatus.Ok));
        Assert.That(_reader.Ranges.Length, Is.EqualTo(1));
        Assert.That(_reader.Read(ListPa + 8, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.UnalignedPage));
        Assert.That(_reader.Ranges.Length, Is.Zero);
    }

    [TestCase(0x20_0008UL)]
    [TestCase(0x20_0FFFUL)]
    [TestCase(0UL)]
    public void UnalignedOrNullListAddressIsRefused(ulong pa)
    {
        ChainBuilder.WriteChain(_m, ListPa, new[] { ChainBuilder.Range(Data, 0x1000, R) });
        Assert.That(_reader.Read(pa, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.UnalignedPage));
        Assert.That(HekiErrno.From(HekiChainStatus.UnalignedPage), Is.EqualTo(LinuxErrno.EFAULT));
    }

    [Test]
    public void ListInVtl1OrOutsideRamIsRefusedBeforeAnyCopy()
    {
        Assert.That(_reader.Read(Vtl1Start, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.PageNotLowerRam));
        Assert.That(_reader.Read(_m.Options.RamSize, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.PageNotLowerRam));
        Assert.That(_reader.Read(ulong.MaxValue & ~0xFFFUL, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.PageNotLowerRam));
        Assert.That(_p.ReadsPerPage, Is.Empty);
        Assert.That(HekiErrno.From(HekiChainStatus.PageNotLowerRam), Is.EqualTo(LinuxErrno.EFAULT));
    }

    [Test]
    public void ListInTheReadersVtl1RegionIsRefusedEvenIfTheBackendWouldCopyIt()
    {
        var reader = new HekiChainReader(_p.Memory, ListPa, ListPa + 0x1000, _m.Options.RamSize, 4);
        ChainBuilder.WriteChain(_m, ListPa, new[] { ChainBuilder.Range(Data, 0x1000, R) });
        Assert.That(reader.Read(ListPa, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.PageNotLowerRam));
        Assert.That(_p.ReadsPerPage, Is.Empty);
    }

    [Test]
    public void CopyFailureIsEfault()
    {
        // A backend that refuses the copy (here: the machine's RAM is smaller than the reader believes).
        var reader = new HekiChainReader(_p.Memory, Vtl1Start, Vtl1End, _m.Options.RamSize * 2, 4);
        Assert.That(reader.Read(_m.Options.RamSize + 0x1000, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.CopyFailed));
        Assert.That(HekiErrno.From(HekiChainStatus.CopyFailed), Is.EqualTo(LinuxErrno.EFAULT));
    }

    [TestCase(0UL)]
    [TestCase(128UL)]
    [TestCase(ulong.MaxValue)]
    public void PageRangeCountOutside1To127IsRefused(ulong nranges)
    {
        ChainBuilder.WritePage(_m, ListPa, 0, nranges, new[] { ChainBuilder.Range(Data, 0x1000, R) });
        Assert.That(_reader.Read(ListPa, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.BadRangeCount));
    }

    [Test]
    public void TotalZeroOrAboveCapacityIsRefused()
    {
        ChainBuilder.WriteChain(_m, ListPa, new[] { ChainBuilder.Range(Data, 0x1000, R) });
        Assert.That(_reader.Read(ListPa, 0, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.ZeroTotal));
        Assert.That(_reader.Read(ListPa, (ulong)_reader.Capacity + 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.TotalTooLarge));
        Assert.That(_reader.Read(ListPa, ulong.MaxValue, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.TotalTooLarge));
        Assert.That(HekiErrno.From(HekiChainStatus.TotalTooLarge), Is.EqualTo(LinuxErrno.ERANGE));
    }

    [Test]
    public void CountsThatDisagreeWithTheTotalAreRefused()
    {
        var two = new[] { ChainBuilder.Range(Data, 0x1000, R), ChainBuilder.Range(Data + 0x1000, 0x1000, R) };
        ChainBuilder.WriteChain(_m, ListPa, two);
        Assert.That(_reader.Read(ListPa, 1, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.CountMismatch), "page holds more than the total");
        Assert.That(_reader.Read(ListPa, 3, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.CountMismatch), "chain ends before the total");
    }

    [Test]
    public void SelfLoopAndTwoPageCycleAreRefused()
    {
        var one = new[] { ChainBuilder.Range(Data, 0x1000, R) };
        ChainBuilder.WritePage(_m, ListPa, ListPa, 1, one);
        Assert.That(_reader.Read(ListPa, 3, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.Cycle));

        ChainBuilder.WritePage(_m, ListPa, ListPa + 0x1000, 1, one);
        ChainBuilder.WritePage(_m, ListPa + 0x1000, ListPa, 1, one);
        Assert.That(_reader.Read(ListPa, 3, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.Cycle));
    }

    [Test]
    public void ChainLongerThanTheBoundIsRefused()
    {
        var one = new[] { ChainBuilder.Range(Data, 0x1000, R) };
        for (int p = 0; p < 5; p++)
        {
            ulong pa = ListPa + ((ulong)p * 0x1000);
            ChainBuilder.WritePage(_m, pa, p == 4 ? 0 : pa + 0x1000, 1, one);
        }

        Assert.That(_reader.Read(ListPa, 5, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.ChainTooLong));
        Assert.That(HekiErrno.From(HekiChainStatus.ChainTooLong), Is.EqualTo(LinuxErrno.ERANGE));
    }

    [Test]
    public void UnalignedNextPageIsRefused()
    {
        ChainBuilder.WritePage(_m, ListPa, ListPa + 0x1008, 1, new[] { ChainBuilder.Range(Data, 0x1000, R) });
        Assert.That(_reader.Read(ListPa, 2, HekiRangeKind.MemAttr), Is.EqualTo(HekiChainStatus.UnalignedNext));
    }

    [Test]
    public void InvertedAndEmptyRangesAreRefused()
    {
        Assert.That(ReadOne(new HekiRange { Va = ChainBuilder.DirectMap, Pa = Data + 0x1000, Epa = Data, Attributes = R }), Is.EqualTo(HekiChainStatus.InvertedRange));
        Assert.That(ReadOne(new HekiRange { Va = ChainBuilder.DirectMap, Pa = Data, Epa = Data, Attributes = R }), Is.EqualTo(HekiChainStatus.EmptyRange));
    }

    [Test]
    public void UnknownAttributesAreRefusedPerVocabulary()
    {
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x1000, 0x10)), Is.EqualTo(HekiChainStatus.UnknownAttribute));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x1000, HekiAttributes.Unknown)), Is.EqualTo(HekiChainStatus.UnknownAttribute));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x10, 7), HekiRangeKind.Kdata), Is.EqualTo(HekiChainStatus.UnknownAttribute));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x10, 6), HekiRangeKind.Kdata), Is.EqualTo(HekiChainStatus.Ok));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x1000, 9), HekiRangeKind.ModuleMemory), Is.EqualTo(HekiChainStatus.UnknownAttribute));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x1000, 3), HekiRangeKind.Kexec), Is.EqualTo(HekiChainStatus.UnknownAttribute));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x1000, R), (HekiRangeKind)99), Is.EqualTo(HekiChainStatus.UnknownAttribute));
    }

    [Test]
    public void AlignmentIsRequiredWhereTheVocabularyDemandsIt()
    {
        Assert.That(ReadOne(ChainBuilder.Range(Data + 0x800, 0x1000, R)), Is.EqualTo(HekiChainStatus.UnalignedRange));
        Assert.That(ReadOne(ChainBuilder.Range(Data, 0x800, R)), Is.EqualTo(HekiChainStatus.UnalignedRange));
        Assert.That(ReadOne(ChainBuilder.Range(Data + 0x10, 0x20, (ulong)HekiKdataType.SystemCerts), HekiRangeKind.Kdata), Is.EqualTo(HekiChainStatus.Ok));
        Assert.That(ReadOne(ChainBuilder.Range(Data + 0x10, 0x20, (ulong)ModMemType.Text), HekiRangeKind.ModuleMemory), Is.EqualTo(HekiChainStatus.UnalignedRange));
        Assert.That(ReadOne(ChainBuilder.Range(Data + 0x10, 0x20, (ulong)ModMemType.ElfBuffer), HekiRangeKind.ModuleMemory), Is.EqualTo(HekiChainStatus.Ok));
    }

    [Test]
    public void RangesBeyondRamAreRefused()
    {
        ulong ram = _m.Options.RamSize;
        Assert.That(ReadOne(ChainBuilder.Range(ram, 0x1000, R)), Is.EqualTo(HekiChainStatus.OutOfRange));
        Assert.That(ReadOne(new HekiRange { Va = ChainBuilder.DirectMap, Pa = 0, Epa = ulong.MaxValue & ~0xFFFUL, Attributes = R }), Is.EqualTo(HekiChainStatus.OutOfRange));
    }

    [Test]
    public void RangesTouchingVtl1AreRefusedAtEveryEdge()
    {
        var reader = new HekiChainReader(_p.Memory, 0x80_0000, 0x90_0000, _m.Options.RamSize, 4);
        HekiChainStatus Check(ulong pa, ulong len)
        {
            ChainBuilder.WriteChain(_m, ListPa, new[] { ChainBuilder.Range(pa, len, R) });
            return reader.Read(ListPa, 1, HekiRangeKind.MemAttr);
        }

        Assert.That(Check(0x7F_F000, 0x2000), Is.EqualTo(HekiChainStatus.Vtl1Overlap), "straddles the start");
        Assert.That(Check(0x8F_F000, 0x2000), Is.EqualTo(HekiChainStatus.Vtl1Overlap), "straddles the end");
        Assert.That(Check(0x84_0000, 0x1000), Is.EqualTo(HekiChainStatus.Vtl1Overlap), "inside");
        Assert.That(Check(0x70_0000, 0x30_0000), Is.EqualTo(HekiChainStatus.Vtl1Overlap), "covers");
        Assert.That(Check(0x7F_F000, 0x1000), Is.EqualTo(HekiChainStatus.Ok), "ends at the start");
        Assert.That(Check(0x90_0000, 0x1000), Is.EqualTo(HekiChainStatus.Ok), "starts at the end");
        Assert.That(HekiErrno.From(HekiChainStatus.Vtl1Overlap), Is.EqualTo(LinuxErrno.EINVAL));
    }

    [Test]
    public void WrappingOrNonCanonicalVirtualRangesAreRefused()
    {
        Assert.That(ReadOne(new HekiRange { Va = ulong.MaxValue - 0xFFF + 1, Pa = Data, Epa = Data + 0x2000, Attributes = R }), Is.EqualTo(HekiChainStatus.Overflow));
        Assert.That(ReadOne(new HekiRange { Va = 0x8000_0000_0000_0000, Pa = Data, Epa = Data + 0x1000, Attributes = R }), Is.EqualTo(HekiChainStatus.NonCanonical));
        Assert.That(ReadOne(new HekiRange { Va = 0x00FF_FFFF_FFFF_F000, Pa = Data, Epa = Data + 0x2000, Attributes = R }), Is.EqualTo(HekiChainStatus.NonCanonical), "runs off the lower half");
        Assert.That(ReadOne(new HekiRange { Va = 0x0000_7FFF_FFFF_F000, Pa = Data, Epa = Data + 0x1000, Attributes = R }), Is.EqualTo(HekiChainStatus.Ok));
        Assert.That(HekiErrno.From(HekiChainStatus.Overflow), Is.EqualTo(LinuxErrno.ERANGE));
    }

    [Test]
    public void EveryStatusHasAnErrnoAndOnlyOkIsZero()
    {
        foreach (HekiChainStatus s in Enum.GetValues<HekiChainStatus>())
        {
            Assert.That(HekiErrno.From(s) == 0, Is.EqualTo(s == HekiChainStatus.Ok), s.ToString());
        }

        Assert.That(HekiErrno.From((HekiChainStatus)1234), Is.EqualTo(LinuxErrno.EINVAL));
    }
}
