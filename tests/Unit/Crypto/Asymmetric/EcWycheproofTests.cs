using System;
using System.Security.Cryptography;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Ec;
using Lvbs.Tests.Unit.Crypto.Wycheproof;
using NUnit.Framework;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// Wycheproof ECDSA (DER and P1363) and ECDH vectors. The ECDH file's public keys are
/// SubjectPublicKeyInfo; the test decodes that envelope with BouncyCastle and hands the point to
/// the kernel. "acceptable" ECDH vectors: compressed points are accepted (SEC 1 allows them);
/// the other acceptable ones (explicit or modified curve parameters, unused ASN.1 parameters,
/// InvalidAsn) concern the SPKI envelope, which the kernel does not parse: they are accepted
/// exactly when BouncyCastle parses the envelope as a named P-256 key and the point is valid.
/// </summary>
public class EcWycheproofTests
{
    private static byte[] Hash(string sha, byte[] msg) => sha switch
    {
        "SHA-256" => SHA256.HashData(msg),
        "SHA-384" => SHA384.HashData(msg),
        "SHA-512" => SHA512.HashData(msg),
        _ => throw new ArgumentException(sha),
    };

    private static EcCurve Curve(string name) => name switch
    {
        "secp256r1" => EcCurve.P256,
        "secp384r1" => EcCurve.P384,
        _ => throw new ArgumentException(name),
    };

    [TestCase("ecdsa_secp256r1_sha256_test.json", false)]
    [TestCase("ecdsa_secp384r1_sha384_test.json", false)]
    [TestCase("ecdsa_secp256r1_sha256_p1363_test.json", true)]
    public void EcdsaVerify(string file, bool p1363)
    {
        WycheproofFile f = WycheproofFile.Load(file);
        int count = 0;
        foreach (WycheproofGroup g in f.Groups)
        {
            EcCurve c = Curve(g.Json.GetProperty("publicKey").GetProperty("curve").GetString()!);
            byte[] pub = g.Hex("publicKey", "uncompressed");
            string sha = g.String("sha");
            foreach (WycheproofTest t in g.Tests)
            {
                byte[] digest = Hash(sha, t.Hex("msg"));
                byte[] sig = t.Hex("sig");
                bool ok;
                if (p1363)
                {
                    ok = Ecdsa.Verify(c, pub, digest, sig);
                }
                else
                {
                    byte[] raw = new byte[2 * c.FieldBytes];
                    ok = EcdsaSignatureFormat.TryDerToP1363(c, sig, raw) && Ecdsa.Verify(c, pub, digest, raw);
                    if (EcdsaSignatureFormat.TryDerToP1363(c, sig, raw) && t.Result == WycheproofResult.Valid)
                    {
                        // DER round trip reproduces the canonical encoding.
                        byte[] der = new byte[EcdsaSignatureFormat.MaxDerSize(c)];
                        int len = EcdsaSignatureFormat.P1363ToDer(c, raw, der);
                        Assert.That(der.AsSpan(0, len).ToArray(), Is.EqualTo(sig), t.ToString());
                    }
                }

                Assert.That(ok, Is.EqualTo(t.Result == WycheproofResult.Valid), t.ToString());
                count++;
            }
        }

        Assert.That(count, Is.EqualTo(f.NumberOfTests));
    }

    [Test]
    public void EcdhSecp256r1()
    {
        WycheproofFile f = WycheproofFile.Load("ecdh_secp256r1_test.json");
        EcCurve c = EcCurve.P256;
        foreach (WycheproofGroup g in f.Groups)
        {
            foreach (WycheproofTest t in g.Tests)
            {
                byte[]? point = ExtractNamedP256Point(t.Hex("public"));
                byte[] priv = LeftPad(t.Hex("private"), 32);
                byte[] shared = new byte[32];
                CryptoStatus st = point is null ? CryptoStatus.InvalidParameter : Ecdh.DeriveSharedSecret(c, priv, point, shared);
                if (t.Result == WycheproofResult.Valid)
                {
                    Assert.That(st, Is.EqualTo(CryptoStatus.Success), t.ToString());
                    Assert.That(shared, Is.EqualTo(t.Hex("shared")), t.ToString());
                }
                else if (t.Result == WycheproofResult.Invalid)
                {
                    Assert.That(st, Is.Not.EqualTo(CryptoStatus.Success), t.ToString());
                }
                else if (st == CryptoStatus.Success)
                {
                    Assert.That(shared, Is.EqualTo(t.Hex("shared")), t.ToString());
                }
            }
        }
    }

    private static byte[] LeftPad(byte[] v, int len)
    {
        // Wycheproof private keys may carry a leading zero (ASN.1 INTEGER style) or be short.
        int start = 0;
        while (v.Length - start > len && v[start] == 0)
        {
            start++;
        }

        byte[] r = new byte[Math.Max(len, v.Length - start)];
        Array.Copy(v, start, r, r.Length - (v.Length - start), v.Length - start);
        return r;
    }

    /// <summary>The SEC 1 point of a SubjectPublicKeyInfo naming P-256, or null.</summary>
    private static byte[]? ExtractNamedP256Point(byte[] spki)
    {
        try
        {
            var info = SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(spki));
            if (!info.Algorithm.Algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey))
            {
                return null;
            }

            if (info.Algorithm.Parameters is not DerObjectIdentifier oid || !oid.Equals(X9ObjectIdentifiers.Prime256v1))
            {
                return null;
            }

            return info.PublicKey.GetOctets();
        }
        catch (Exception)
        {
            return null;
        }
    }

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
