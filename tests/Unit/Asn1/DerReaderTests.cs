using System;
using Lvbs.Kernel.Asn1;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Asn1;

/// <summary>DerReader against X.690 §8.1 / §10.1 rules, with malformed encodings.</summary>
[TestFixture]
public class DerReaderTests
{
    private static DerStatus ReadOne(byte[] input, out int consumed)
    {
        var r = new DerReader(input);
        DerStatus s = r.TryRead(out DerElement _);
        consumed = input.Length - r.Remaining.Length;
        return s;
    }

    [Test]
    public void ShortAndLongFormLengths()
    {
        Assert.That(ReadOne([0x04, 0x02, 0xAA, 0xBB], out int n), Is.EqualTo(DerStatus.Ok));
        Assert.That(n, Is.EqualTo(4));
        byte[] longForm = new byte[3 + 0x80];
        longForm[0] = 0x04;
        longForm[1] = 0x81;
        longForm[2] = 0x80;
        Assert.That(ReadOne(longForm, out n), Is.EqualTo(DerStatus.Ok));
        Assert.That(n, Is.EqualTo(longForm.Length));
        var r = new DerReader(longForm);
        Assert.That(r.TryRead(out DerElement e), Is.EqualTo(DerStatus.Ok));
        Assert.That(e.Content.Length, Is.EqualTo(0x80));
        Assert.That(e.Encoded.Length, Is.EqualTo(longForm.Length));
    }

    [TestCase(new byte[] { 0x30, 0x80, 0x00, 0x00 }, DerStatus.IndefiniteLength)]
    [TestCase(new byte[] { 0x04, 0x81, 0x05, 1, 2, 3, 4, 5 }, DerStatus.NonMinimalLength)]
    [TestCase(new byte[] { 0x04, 0x82, 0x00, 0x81 }, DerStatus.NonMinimalLength)]
    [TestCase(new byte[] { 0x04, 0xFF, 0x01 }, DerStatus.NonMinimalLength)]
    [TestCase(new byte[] { 0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF }, DerStatus.LengthTooLarge)]
    [TestCase(new byte[] { 0x04, 0x84, 0x7F, 0xFF, 0xFF, 0xFF }, DerStatus.Truncated)]
    [TestCase(new byte[] { 0x04, 0x88, 0x01, 0, 0, 0, 0, 0, 0, 0 }, DerStatus.LengthTooLarge)]
    [TestCase(new byte[] { 0x04, 0x05, 1, 2 }, DerStatus.Truncated)]
    [TestCase(new byte[] { 0x04, 0x82, 0x01 }, DerStatus.Truncated)]
    [TestCase(new byte[] { 0x04 }, DerStatus.Truncated)]
    [TestCase(new byte[] { }, DerStatus.Truncated)]
    [TestCase(new byte[] { 0x1F, 0x81, 0x00, 0x00 }, DerStatus.HighTagNumber)]
    [TestCase(new byte[] { 0xBF, 0x22, 0x00 }, DerStatus.HighTagNumber)]
    public void MalformedHeaderConsumesNothing(byte[] input, DerStatus expected)
    {
        Assert.That(ReadOne(input, out int consumed), Is.EqualTo(expected));
        Assert.That(consumed, Is.Zero);
    }

    [Test]
    public void EveryTruncationOfANestedStructureFails()
    {
        byte[] der = [0x30, 0x0B, 0x06, 0x03, 0x55, 0x1D, 0x0E, 0x04, 0x04, 0x02, 0x02, 0xAB, 0xCD];
        for (int len = 0; len < der.Length; len++)
        {
            var r = new DerReader(der.AsSpan(0, len));
            Assert.That(r.TryEnter(DerTag.Sequence, out _), Is.Not.EqualTo(DerStatus.Ok), "length " + len);
            Assert.That(r.Remaining.Length, Is.EqualTo(len));
        }
        var ok = new DerReader(der);
        Assert.That(ok.TryEnter(DerTag.Sequence, out DerReader inner), Is.EqualTo(DerStatus.Ok));
        Assert.That(inner.TryReadOid(out ReadOnlySpan<byte> oid), Is.EqualTo(DerStatus.Ok));
        Assert.That(oid.SequenceEqual(Oid.SubjectKeyIdentifier), Is.True);
        Assert.That(inner.TryReadContent(DerTag.OctetString, out ReadOnlySpan<byte> os), Is.EqualTo(DerStatus.Ok));
        Assert.That(os.Length, Is.EqualTo(4));
        Assert.That(inner.ExpectEnd(), Is.EqualTo(DerStatus.Ok));
    }

    [Test]
    public void NestingDepthIsBounded()
    {
        int depth = DerReader.MaxDepth + 1;
        byte[] der = new byte[2 * depth];
        for (int i = 0; i < depth; i++)
        {
            der[2 * i] = 0x30;
            der[(2 * i) + 1] = (byte)(2 * (depth - i - 1));
        }
        var r = new DerReader(der);
        DerStatus s = DerStatus.Ok;
        int entered = 0;
        while (s == DerStatus.Ok && r.HasData)
        {
            s = r.TryEnter(DerTag.Sequence, out DerReader inner);
            if (s == DerStatus.Ok)
            {
                r = inner;
                entered++;
            }
        }
        Assert.That(s, Is.EqualTo(DerStatus.TooDeep));
        Assert.That(entered, Is.EqualTo(DerReader.MaxDepth));
    }

    [TestCase(new byte[] { 0x02, 0x00 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x02, 0x02, 0x00, 0x7F }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x02, 0x02, 0xFF, 0x80 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x02, 0x02, 0x00, 0x80 }, DerStatus.Ok)]
    [TestCase(new byte[] { 0x02, 0x01, 0x00 }, DerStatus.Ok)]
    [TestCase(new byte[] { 0x04, 0x01, 0x00 }, DerStatus.UnexpectedTag)]
    public void IntegerMustBeMinimal(byte[] input, DerStatus expected)
    {
        var r = new DerReader(input);
        Assert.That(r.TryReadInteger(out _), Is.EqualTo(expected));
        Assert.That(r.HasData, Is.EqualTo(expected != DerStatus.Ok));
    }

    [TestCase(new byte[] { 0x06, 0x00 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x06, 0x02, 0x2A, 0x86 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x06, 0x03, 0x2A, 0x80, 0x01 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x06, 0x03, 0x2A, 0x86, 0x48 }, DerStatus.Ok)]
    public void OidSubidentifiersMustBeMinimal(byte[] input, DerStatus expected)
    {
        var r = new DerReader(input);
        Assert.That(r.TryReadOid(out _), Is.EqualTo(expected));
    }

    [TestCase(new byte[] { 0x01, 0x01, 0x01 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x01, 0x01, 0xFF }, DerStatus.Ok)]
    [TestCase(new byte[] { 0x05, 0x01, 0x00 }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x03, 0x02, 0x01, 0xFE }, DerStatus.InvalidValue)]
    [TestCase(new byte[] { 0x03, 0x00 }, DerStatus.InvalidValue)]
    public void PrimitiveValueRules(byte[] input, DerStatus expected)
    {
        var r = new DerReader(input);
        DerStatus s = input[0] switch
        {
            0x01 => r.TryReadBoolean(out _),
            0x05 => r.TryReadNull(),
            _ => r.TryReadBitStringOctets(out _),
        };
        Assert.That(s, Is.EqualTo(expected));
    }

    [Test]
    public void WrongTagConsumesNothingAndTrailingDataIsReported()
    {
        byte[] der = [0x04, 0x00, 0x05, 0x00];
        var r = new DerReader(der);
        Assert.That(r.TryEnter(DerTag.Sequence, out _), Is.EqualTo(DerStatus.UnexpectedTag));
        Assert.That(r.Remaining.Length, Is.EqualTo(4));
        Assert.That(r.TryReadContent(DerTag.OctetString, out _), Is.EqualTo(DerStatus.Ok));
        Assert.That(r.ExpectEnd(), Is.EqualTo(DerStatus.TrailingData));
        Assert.That(r.TryReadNull(), Is.EqualTo(DerStatus.Ok));
        Assert.That(r.ExpectEnd(), Is.EqualTo(DerStatus.Ok));
    }
}
