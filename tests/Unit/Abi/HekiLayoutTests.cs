using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lvbs.Abi.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Abi;

/// <summary>Pins every HEKI wire struct to lvbs-abi.md §1.1/§1.3.</summary>
public class HekiLayoutTests
{
    private static int Off<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    [Test]
    public void HekiRangeIs32BytesVaPaEpaAttributes()
    {
        Assert.That(Unsafe.SizeOf<HekiRange>(), Is.EqualTo(32));
        Assert.That(Off<HekiRange>(nameof(HekiRange.Va)), Is.EqualTo(0));
        Assert.That(Off<HekiRange>(nameof(HekiRange.Pa)), Is.EqualTo(8));
        Assert.That(Off<HekiRange>(nameof(HekiRange.Epa)), Is.EqualTo(16));
        Assert.That(Off<HekiRange>(nameof(HekiRange.Attributes)), Is.EqualTo(24));
    }

    [Test]
    public void HekiPageHeaderIs24BytesAndPageHolds127Ranges()
    {
        Assert.That(Unsafe.SizeOf<HekiPageHeader>(), Is.EqualTo(24));
        Assert.That(Off<HekiPageHeader>(nameof(HekiPageHeader.Next)), Is.EqualTo(0));
        Assert.That(Off<HekiPageHeader>(nameof(HekiPageHeader.NextPa)), Is.EqualTo(8));
        Assert.That(Off<HekiPageHeader>(nameof(HekiPageHeader.RangeCount)), Is.EqualTo(16));
        Assert.That(HekiPage.MaxRanges, Is.EqualTo(127));
        Assert.That(HekiPage.RangesOffset, Is.EqualTo(24));
        Assert.That(HekiPage.PadOffset, Is.EqualTo(4088));
        Assert.That(HekiPage.PadOffset + 8, Is.EqualTo(HekiPage.Size));
    }

    [Test]
    public void HekiPatchIs24Bytes()
    {
        Assert.That(Unsafe.SizeOf<HekiPatch>(), Is.EqualTo(24));
        Assert.That(Off<HekiPatch>(nameof(HekiPatch.Pa0)), Is.EqualTo(0));
        Assert.That(Off<HekiPatch>(nameof(HekiPatch.Pa1)), Is.EqualTo(8));
        Assert.That(Off<HekiPatch>(nameof(HekiPatch.CodeSize)), Is.EqualTo(16));
        Assert.That(Off<HekiPatch>(nameof(HekiPatch.Code0)), Is.EqualTo(17));
        Assert.That(Off<HekiPatch>(nameof(HekiPatch.Code4)), Is.EqualTo(21));
    }

    [Test]
    public void VtlCallParamIsFourPackedQwords()
    {
        Assert.That(Unsafe.SizeOf<VtlCallParam>(), Is.EqualTo(32));
        Assert.That(Off<VtlCallParam>(nameof(VtlCallParam.A0)), Is.EqualTo(0));
        Assert.That(Off<VtlCallParam>(nameof(VtlCallParam.A3)), Is.EqualTo(24));
    }

    [Test]
    public void RangeWriteMatchesInMemoryLayout()
    {
        var r = new HekiRange { Va = 0x1122334455667788, Pa = 0x1000, Epa = 0x2000, Attributes = 5 };
        byte[] wire = new byte[HekiRange.Size];
        r.Write(wire);
        byte[] mem = new byte[HekiRange.Size];
        MemoryMarshal.Write(mem, in r);
        Assert.That(wire, Is.EqualTo(mem));
        Assert.That(HekiRange.Read(wire), Is.EqualTo(r));
    }
}
