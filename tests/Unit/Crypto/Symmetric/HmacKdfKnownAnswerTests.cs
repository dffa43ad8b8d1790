using System;
using System.Text;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Kdf;
using Lvbs.Kernel.Crypto.Mac;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>RFC 4231 (HMAC-SHA-2), RFC 5869 (HKDF) and RFC 6070 / published PBKDF2 vectors.</summary>
public class HmacKdfKnownAnswerTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex);

    private static byte[] A(string s) => Encoding.ASCII.GetBytes(s);

    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();

    private static byte[] Repeat(byte b, int n)
    {
        byte[] r = new byte[n];
        r.AsSpan().Fill(b);
        return r;
    }

    [Test]
    public void Rfc4231Case1And2Sha256()
    {
        byte[] mac = new byte[32];
        Hmac<Sha256>.Compute(Repeat(0x0b, 20), A("Hi There"), mac);
        Assert.That(Hex(mac), Is.EqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        Hmac<Sha256>.Compute(A("Jefe"), A("what do ya want for nothing?"), mac);
        Assert.That(Hex(mac), Is.EqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    [Test]
    public void Rfc4231Case6LongKeySha384AndSha512()
    {
        byte[] key = Repeat(0xaa, 131);
        byte[] msg = A("Test Using Larger Than Block-Size Key - Hash Key First");
        byte[] mac384 = new byte[48];
        byte[] mac512 = new byte[64];
        Hmac<Sha384>.Compute(key, msg, mac384);
        Hmac<Sha512>.Compute(key, msg, mac512);
        Assert.That(Hex(mac384), Is.EqualTo("4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"));
        Assert.That(Hex(mac512), Is.EqualTo("80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"));
    }

    [Test]
    public void Rfc4231Case5TruncatedTag()
    {
        // RFC 4231 §4.6: output truncated to 128 bits.
        var mac = Hmac<Sha256>.Create(Repeat(0x0c, 20));
        mac.Append(A("Test With Truncation"));
        Assert.That(mac.FinishAndVerifyTruncated(H("a3b6167473100ee06e0c796c2955552b"), 16), Is.True);
        mac.Append(A("Test With Truncation"));
        Assert.That(mac.FinishAndVerifyTruncated(H("a3b6167473100ee06e0c796c2955552b"), 15), Is.False, "length mismatch");
        mac.Append(A("Test With Truncation"));
        Assert.That(mac.FinishAndVerifyTruncated(H("a3b6167473"), 5), Is.False, "too short to be safe");
    }

    [Test]
    public void Rfc5869Case1()
    {
        byte[] ikm = Repeat(0x0b, 22);
        byte[] salt = H("000102030405060708090a0b0c");
        byte[] info = H("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = new byte[32];
        Hkdf.Extract<Sha256>(salt, ikm, prk);
        Assert.That(Hex(prk), Is.EqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
        byte[] okm = new byte[42];
        Assert.That(Hkdf.Expand<Sha256>(prk, info, okm), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(okm), Is.EqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    }

    [Test]
    public void Rfc5869Case3EmptySaltAndInfo()
    {
        byte[] okm = new byte[42];
        Assert.That(Hkdf.DeriveKey<Sha256>(Repeat(0x0b, 22), default, default, okm), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(okm), Is.EqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    [Test]
    public void HkdfRejectsOversizedOutputAndShortPrk()
    {
        byte[] okm = new byte[255 * 32 + 1];
        Assert.That(Hkdf.DeriveKey<Sha256>(new byte[16], default, default, okm), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(okm, Is.All.EqualTo(0), "nothing written on failure");
        Assert.That(Hkdf.Expand<Sha256>(new byte[31], default, new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(Hkdf.DeriveKey<Sha256>(new byte[16], default, default, new byte[255 * 32]), Is.EqualTo(CryptoStatus.Success));
    }

    [TestCase("password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6")]
    [TestCase("password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957")]
    [TestCase("password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1")]
    [TestCase("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038")]
    public void Rfc6070Pbkdf2Sha1(string password, string salt, int iterations, int length, string expected)
    {
        byte[] dk = new byte[length];
        Assert.That(Pbkdf2.DeriveKey<Sha1>(A(password), A(salt), iterations, dk), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(dk), Is.EqualTo(expected));
    }

    [TestCase(1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")]
    [TestCase(4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")]
    public void Pbkdf2Sha256(int iterations, string expected)
    {
        byte[] dk = new byte[32];
        Assert.That(Pbkdf2.DeriveKey<Sha256>(A("password"), A("salt"), iterations, dk), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(dk), Is.EqualTo(expected));
    }

    [Test]
    public void Pbkdf2RejectsBadParameters()
    {
        byte[] dk = new byte[16];
        Assert.That(Pbkdf2.DeriveKey<Sha256>(A("p"), A("s"), 0, dk), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(Pbkdf2.DeriveKey<Sha256>(A("p"), A("s"), -5, dk), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(Pbkdf2.DeriveKey<Sha256>(A("p"), A("s"), 1, Span<byte>.Empty), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(dk, Is.All.EqualTo(0));
    }
}
