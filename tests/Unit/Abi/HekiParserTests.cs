using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Abi;

/// <summary>Malformed-input tests for <see cref="HekiPage.TryParse"/> and <see cref="HekiPatch.TryRead"/>.</summary>
public class HekiParserTests
{
    private static byte[] Page(ulong count, ulong nextPa = 0)
    {
        byte[] p = new byte[HekiPage.Size];
        HekiPageHeader h = default;
        h.NextPa = nextPa;
        h.Next = nextPa == 0 ? 0 : 0xFFFF888000000000 + nextPa;
        h.RangeCount = count;
        HekiPage.WriteHeader(p, in h);
        for (int i = 0; i < (int)System.Math.Min(count, 127); i++)
        {
            HekiPage.SetRange(p, i, new HekiRange { Va = 1, Pa = (ulong)i * 0x1000, Epa = ((ulong)i + 1) * 0x1000, Attributes = 1 });
        }

        return p;
    }

    [Test]
    public void ValidPageParses()
    {
        Assert.That(HekiPage.TryParse(Page(127, 0x5000), out HekiPageHeader h), Is.EqualTo(HekiPageStatus.Ok));
        Assert.That(h.RangeCount, Is.EqualTo(127));
        Assert.That(h.NextPa, Is.EqualTo(0x5000));
        Assert.That(HekiPage.GetRange(Page(3), 2).Epa, Is.EqualTo(0x3000));
    }

    [TestCase(0UL)]
    [TestCase(128UL)]
    [TestCase(ulong.MaxValue)]
    public void BadCountRejectedAndNothingConsumed(ulong count)
    {
        Assert.That(HekiPage.TryParse(Page(count), out HekiPageHeader h), Is.EqualTo(HekiPageStatus.BadRangeCount));
        Assert.That(h.RangeCount, Is.Zero);
    }

    [TestCase(0x5001UL)]
    [TestCase(0x5800UL)]
    public void UnalignedNextRejected(ulong next)
    {
        Assert.That(HekiPage.TryParse(Page(1, next), out HekiPageHeader h), Is.EqualTo(HekiPageStatus.UnalignedNext));
        Assert.That(h.NextPa, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(4095)]
    [TestCase(4097)]
    public void WrongSizeRejected(int size)
    {
        Assert.That(HekiPage.TryParse(new byte[size], out _), Is.EqualTo(HekiPageStatus.WrongSize));
    }

    [Test]
    public void InvertedRangeRejected()
    {
        byte[] p = Page(2);
        HekiPage.SetRange(p, 1, new HekiRange { Pa = 0x3000, Epa = 0x2000 });
        Assert.That(HekiPage.TryParse(p, out _), Is.EqualTo(HekiPageStatus.InvertedRange));
    }

    [Test]
    public void PatchParsesAndRejectsBadSize()
    {
        byte[] b = new byte[HekiPatch.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(b, 0x1234);
        b[16] = 5;
        b[17] = 0xE9;
        b[21] = 0x7F;
        Assert.That(HekiPatch.TryRead(b, out HekiPatch p), Is.True);
        Assert.That(p.Pa0, Is.EqualTo(0x1234));
        Assert.That(p.GetCode(0), Is.EqualTo(0xE9));
        Assert.That(p.GetCode(4), Is.EqualTo(0x7F));

        b[16] = 0;
        Assert.That(HekiPatch.TryRead(b, out p), Is.False);
        Assert.That(p.Pa0, Is.Zero);
        b[16] = 6;
        Assert.That(HekiPatch.TryRead(b, out _), Is.False);
        Assert.That(HekiPatch.TryRead(new byte[23], out _), Is.False);
    }
}
