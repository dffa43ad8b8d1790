using Lvbs.Kernel.Heki.CoreKernel;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.CoreKernel;

/// <summary>The core kernel's VA → PA map recorded from PROTECT_MEMORY ranges and frozen at the end of boot.</summary>
[TestFixture]
public sealed class CoreKernelMapTests
{
    private const ulong Va = 0xFFFF_FFFF_8100_0000;

    [Test]
    public void PageByPageRangesMergeIntoOneExtent()
    {
        var map = new CoreKernelMap();
        for (ulong i = 0; i < 8; i++)
        {
            map.Record(Va + (i * 0x1000), 0x100_0000 + (i * 0x1000), 0x100_1000 + (i * 0x1000));
        }

        Assert.That(map.TryTranslate(Va, out _, out _), Is.False, "no lookup before the end of boot");
        map.Freeze();
        Assert.That(map.Count, Is.EqualTo(1));
        Assert.That(map.TryTranslate(Va + 0x3456, out ulong pa, out ulong left), Is.True);
        Assert.That(pa, Is.EqualTo(0x100_3456UL));
        Assert.That(left, Is.EqualTo(0x8000UL - 0x3456));
        Assert.That(map.TryTranslate(Va + 0x8000, out _, out _), Is.False);
        Assert.That(map.TryTranslate(Va - 1, out _, out _), Is.False);
    }

    [Test]
    public void RangesInAnyOrderAreSortedAndMerged()
    {
        var map = new CoreKernelMap();
        for (int i = 40; i >= 0; i--)
        {
            // Every other page, descending: 41 separate extents until frozen.
            ulong v = Va + ((ulong)i * 0x2000);
            map.Record(v, 0x200_0000 + ((ulong)i * 0x2000), 0x200_1000 + ((ulong)i * 0x2000));
        }

        map.Freeze();
        Assert.That(map.Count, Is.EqualTo(41));
        for (int i = 0; i <= 40; i++)
        {
            Assert.That(map.TryTranslate(Va + ((ulong)i * 0x2000) + 8, out ulong pa, out _), Is.True);
            Assert.That(pa, Is.EqualTo(0x200_0000 + ((ulong)i * 0x2000) + 8));
            Assert.That(map.TryTranslate(Va + ((ulong)i * 0x2000) + 0x1000, out _, out _), Is.False);
        }
    }

    [Test]
    public void TheSameTranslationTwiceMergesAndAConflictingOneDropsBoth()
    {
        var map = new CoreKernelMap();
        map.Record(Va, 0x100_0000, 0x100_2000);
        map.Record(Va + 0x10_0000, 0x180_0000, 0x180_1000);
        map.Record(Va, 0x100_0000, 0x100_1000);              // re-protected: same translation
        map.Record(Va + 0x20_0000, 0x300_0000, 0x300_1000);
        map.Record(Va + 0x20_0000, 0x400_0000, 0x400_1000);  // the same VA claimed at another PA
        map.Freeze();
        Assert.That(map.TryTranslate(Va + 0x1800, out ulong pa, out _), Is.True);
        Assert.That(pa, Is.EqualTo(0x100_1800UL));
        Assert.That(map.TryTranslate(Va + 0x10_0010, out _, out _), Is.True);
        Assert.That(map.TryTranslate(Va + 0x20_0010, out _, out _), Is.False, "ambiguous VA");
        Assert.That(map.Count, Is.EqualTo(2));
    }

    [TestCase(0xFFFF_FFFF_8100_0000UL, 0x100_0800UL, 0x100_1000UL, TestName = "UnalignedPaIsNotRecorded")]
    [TestCase(0xFFFF_FFFF_8100_0800UL, 0x100_0000UL, 0x100_1000UL, TestName = "UnalignedVaIsNotRecorded")]
    [TestCase(0xFFFF_FFFF_8100_0000UL, 0x100_1000UL, 0x100_1000UL, TestName = "EmptyRangeIsNotRecorded")]
    [TestCase(0xFFFF_FFFF_FFFF_F000UL, 0x100_0000UL, 0x100_2000UL, TestName = "WrappingVaIsNotRecorded")]
    public void MalformedRangesAreDropped(ulong va, ulong pa, ulong epa)
    {
        var map = new CoreKernelMap();
        map.Record(va, pa, epa);
        map.Freeze();
        Assert.That(map.Dropped, Is.EqualTo(1));
        Assert.That(map.Count, Is.Zero);
    }

    [Test]
    public void NothingIsRecordedAfterFreezing()
    {
        var map = new CoreKernelMap();
        map.Freeze();
        map.Record(Va, 0x100_0000, 0x100_1000);
        Assert.That(map.TryTranslate(Va, out _, out _), Is.False);
        Assert.That(map.Dropped, Is.EqualTo(1));
    }
}
