using System;
using Lvbs.Crypto.Conformance;
using Lvbs.Kernel.Crypto.Ec;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Wycheproof;

/// <summary>The runner's SubjectPublicKeyInfo decoder (RFC 5480 §2) on good and malformed DER.</summary>
public class SpkiDecoderTests
{
    // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (0 unused) 04 || X || Y }.
    private const string Header = "3059301306072a8648ce3d020106082a8648ce3d030107034200";
    private static readonly string Point = "04" + new string('1', 64) + new string('2', 64);

    [Test]
    public void NamedP256KeyGivesThePoint()
    {
        Assert.That(SpkiDecoder.TryGetPoint(Convert.FromHexString(Header + Point), EcCurveId.P256, out byte[] point), Is.True);
        Assert.That(Convert.ToHexString(point), Is.EqualTo(Point.ToUpperInvariant()));
    }

    [TestCase("", EcCurveId.P256, TestName = "empty")]
    [TestCase(Header, EcCurveId.P256, TestName = "truncated")]
    [TestCase("00", EcCurveId.P256, TestName = "trailing byte")]
    [TestCase(null, EcCurveId.P384, TestName = "other curve")]
    public void MalformedOrForeignIsRefused(string? suffixOrHeader, EcCurveId curve)
    {
        string hex = suffixOrHeader switch
        {
            null => Header + Point,
            "" => "",
            Header => Header,
            _ => Header + Point + suffixOrHeader,
        };
        Assert.That(SpkiDecoder.TryGetPoint(Convert.FromHexString(hex), curve, out byte[] point), Is.False);
        Assert.That(point, Is.Empty);
    }

    [Test]
    public void NonDerLengthsAndUnusedBitsAreRefused()
    {
        // Long-form length for a short value (X.690 §10.1 forbids it).
        string longForm = "308159" + Header.Substring(4) + Point;
        Assert.That(SpkiDecoder.TryGetPoint(Convert.FromHexString(longForm), EcCurveId.P256, out _), Is.False);
        // BIT STRING with a non-zero unused-bits count.
        string unused = Header.Substring(0, Header.Length - 2) + "01" + Point;
        Assert.That(SpkiDecoder.TryGetPoint(Convert.FromHexString(unused), EcCurveId.P256, out _), Is.False);
        // id-ecPublicKey replaced by rsaEncryption's first arc bytes.
        string otherAlgorithm = Header.Replace("2a8648ce3d0201", "2a864886f70d01");
        Assert.That(SpkiDecoder.TryGetPoint(Convert.FromHexString(otherAlgorithm + Point), EcCurveId.P256, out _), Is.False);
    }
}
