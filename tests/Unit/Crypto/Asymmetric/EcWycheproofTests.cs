using System;
using System.Security.Cryptography;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Ec;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// ECDSA encodings and known answers (the Wycheproof ECDSA/ECDH files run in
/// WycheproofConformanceTests through the shared runner).
/// </summary>
public class EcWycheproofTests
{
    [Test]
    public void DerParserRejectsNonDerEncodings()
    {
        EcCurve c = EcCurve.P256;
        byte[] raw = new byte[64];
        byte[] good = Convert.FromHexString("3006020101020102");
        Assert.That(EcdsaSignatureFormat.TryDerToP1363(c, good, raw), Is.True);
        Assert.That(raw[31], Is.EqualTo(1));
        Assert.That(raw[63], Is.EqualTo(2));
        string[] bad =
        {
            "",                                   // empty
            "3106020101020102",                   // wrong tag
            "3007020101020102",                   // length too long
            "300602010102010200",                 // trailing byte
            "308106020101020102",                 // non-minimal long length
            "3080020101020102" + "0000",          // indefinite length
            "30070202000102010200",               // redundant leading zero
            "3006020181020102",                   // negative
            "30050200020102",                     // empty integer
            "3006020101030102",                   // second element not INTEGER
            "3003020101",                         // missing s
            "3026022100" + new string('1', 64) + "020101", // r longer than 32 bytes after the sign byte
        };
        foreach (string hex in bad)
        {
            Array.Fill(raw, (byte)0xAA);
            Assert.That(EcdsaSignatureFormat.TryDerToP1363(c, Convert.FromHexString(hex), raw), Is.False, hex);
            Assert.That(raw[0], Is.EqualTo(0xAA), "consumed nothing on failure: " + hex);
        }
    }

    [Test]
    public void PointDecodingRejectsMalformedPoints()
    {
        EcCurve c = EcCurve.P256;
        byte[] priv = new byte[32];
        priv[31] = 7;
        byte[] pub = new byte[65];
        Assert.That(Ecdsa.DerivePublicKey(c, priv, pub), Is.EqualTo(CryptoStatus.Success));
        ulong[] point = new ulong[12];
        Assert.That(EcPointEncoding.TryDecode(c, pub, point), Is.True);
        byte[] compressed = new byte[33];
        compressed[0] = (byte)(2 | (pub[64] & 1));
        Array.Copy(pub, 1, compressed, 1, 32);
        ulong[] point2 = new ulong[12];
        Assert.That(EcPointEncoding.TryDecode(c, compressed, point2), Is.True);
        Assert.That(point2, Is.EqualTo(point), "compressed decodes to the same point");
        compressed[0] ^= 1;
        Assert.That(EcPointEncoding.TryDecode(c, compressed, point2), Is.True);
        Assert.That(point2, Is.Not.EqualTo(point), "other parity is the negated point");

        byte[] offCurve = (byte[])pub.Clone();
        offCurve[64] ^= 1;
        Assert.That(EcPointEncoding.TryDecode(c, offCurve, point), Is.False);
        Assert.That(EcPointEncoding.TryDecode(c, pub.AsSpan(0, 64), point), Is.False);
        Assert.That(EcPointEncoding.TryDecode(c, new byte[] { 0 }, point), Is.False);
        byte[] badPrefix = (byte[])pub.Clone();
        badPrefix[0] = 0x06;
        Assert.That(EcPointEncoding.TryDecode(c, badPrefix, point), Is.False);
        byte[] xTooBig = new byte[33];
        xTooBig[0] = 2;
        xTooBig.AsSpan(1).Fill(0xFF);
        Assert.That(EcPointEncoding.TryDecode(c, xTooBig, point), Is.False);
        Assert.That(Ecdsa.DerivePublicKey(c, new byte[32], pub), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(Ecdh.DeriveSharedSecret(c, new byte[32], pub, new byte[32]), Is.EqualTo(CryptoStatus.InvalidParameter));
    }

    [Test]
    public void Rfc6979KnownAnswerP256Sha256()
    {
        // RFC 6979 Appendix A.2.5, message "sample".
        EcCurve c = EcCurve.P256;
        byte[] x = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
        byte[] digest = SHA256.HashData("sample"u8.ToArray());
        byte[] sig = new byte[64];
        Assert.That(Ecdsa.SignDeterministic<Lvbs.Kernel.Crypto.Hashing.Sha256>(c, x, digest, sig), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Convert.ToHexString(sig), Is.EqualTo(
            "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716" +
            "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"));
        byte[] pub = new byte[65];
        Ecdsa.DerivePublicKey(c, x, pub);
        Assert.That(Convert.ToHexString(pub.AsSpan(1, 32)), Is.EqualTo("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"));
    }
}
