using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Mac;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>
/// FIPS 197 Appendix C, SP 800-38A Appendix F, McGrew–Viega GCM test cases, RFC 4493 CMAC and
/// IEEE 1619 XTS vectors, each run on the software and the AES-NI path.
/// </summary>
[TestFixture(AesImplementation.Software)]
[TestFixture(AesImplementation.Hardware)]
public class AesKnownAnswerTests
{
    private const string Sp80038AKey = "2b7e151628aed2a6abf7158809cf4f3c";
    private const string Sp80038APlain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    private readonly AesImplementation _impl;

    public AesKnownAnswerTests(AesImplementation impl) => _impl = impl;

    internal static byte[] H(string hex) => Convert.FromHexString(hex);

    internal static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();

    private static byte[] Seq(int n)
    {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = (byte)i;
        }

        return b;
    }

    private AesKey Key(byte[] key)
    {
        var k = new AesKey();
        CryptoStatus status = k.SetKey(key, _impl);
        if (status == CryptoStatus.NotSupported)
        {
            Assert.Ignore("AES-NI not available on this machine");
        }

        Assert.That(status, Is.EqualTo(CryptoStatus.Success));
        Assert.That(k.UsesHardware, Is.EqualTo(_impl == AesImplementation.Hardware));
        return k;
    }

    [TestCase(16, "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [TestCase(24, "dda97ca4864cdfe06eaf70a0ec0d7191")]
    [TestCase(32, "8ea2b7ca516745bfeafc49904b496089")]
    public void Fips197AppendixC(int keyLength, string expected)
    {
        AesKey key = Key(Seq(keyLength));
        byte[] pt = H("00112233445566778899aabbccddeeff");
        byte[] ct = new byte[16];
        Assert.That(AesEcb.Encrypt(key, pt, ct), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct), Is.EqualTo(expected));
        byte[] back = new byte[16];
        Assert.That(AesEcb.Decrypt(key, ct, back), Is.EqualTo(CryptoStatus.Success));
        Assert.That(back, Is.EqualTo(pt));
    }

    [Test]
    public void Sp80038AEcbCbcCtr()
    {
        AesKey key = Key(H(Sp80038AKey));
        byte[] pt = H(Sp80038APlain);
        byte[] ct = new byte[64];
        Assert.That(AesEcb.Encrypt(key, pt.AsSpan(0, 16), ct), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct.AsSpan(0, 16)), Is.EqualTo("3ad77bb40d7a3660a89ecaf32466ef97"));

        Assert.That(AesCbc.Encrypt(key, Seq(16), pt, ct), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct), Is.EqualTo("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"));
        byte[] back = new byte[64];
        Assert.That(AesCbc.Decrypt(key, Seq(16), ct, back), Is.EqualTo(CryptoStatus.Success));
        Assert.That(back, Is.EqualTo(pt));

        byte[] counter = H("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        Assert.That(AesCtr.Transform(key, counter, pt, ct), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct), Is.EqualTo("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee"));
        Assert.That(Hex(counter), Is.EqualTo("f0f1f2f3f4f5f6f7f8f9fafbfcfdff03"), "counter advanced by 4 blocks with carry");
    }

    [Test]
    public void CtrCounterCarriesAcrossAll128Bits()
    {
        // 9 blocks from ...fffffffe: the carry must propagate into the high half, on every path.
        AesKey key = Key(H(Sp80038AKey));
        byte[] data = new byte[16 * 9];
        byte[] counter = H("00000000000000ffffffffffffffffffe".Substring(1));
        byte[] start = (byte[])counter.Clone();
        byte[] bulk = new byte[data.Length];
        Assert.That(AesCtr.Transform(key, counter, data, bulk), Is.EqualTo(CryptoStatus.Success));
        byte[] single = new byte[16];
        for (int i = 0; i < 9; i++)
        {
            Assert.That(AesEcb.Encrypt(key, start, single), Is.EqualTo(CryptoStatus.Success));
            Assert.That(bulk.AsSpan(16 * i, 16).ToArray(), Is.EqualTo(single), "block " + i);
            for (int j = 15; j >= 0 && ++start[j] == 0; j--)
            {
            }
        }

        Assert.That(counter, Is.EqualTo(start));
    }

    [Test]
    public void GcmMcGrewViegaCases1To4()
    {
        var gcm = new AesGcm();
        if (gcm.SetKey(new byte[16], _impl) == CryptoStatus.NotSupported)
        {
            Assert.Ignore("AES-NI not available");
        }

        byte[] tag = new byte[16];
        Assert.That(gcm.Encrypt(new byte[12], default, default, default, tag), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(tag), Is.EqualTo("58e2fccefa7e3061367f1d57a4e7455a"));

        byte[] ct = new byte[16];
        Assert.That(gcm.Encrypt(new byte[12], new byte[16], default, ct, tag), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct), Is.EqualTo("0388dace60b6a392f328c2b971b2fe78"));
        Assert.That(Hex(tag), Is.EqualTo("ab6e47d42cec13bdf53a67b21257bddf"));

        // Test case 4: 60-byte plaintext, 20-byte AAD.
        Assert.That(gcm.SetKey(H("feffe9928665731c6d6a8f9467308308"), _impl), Is.EqualTo(CryptoStatus.Success));
        byte[] iv = H("cafebabefacedbaddecaf888");
        byte[] pt = H("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = H("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        ct = new byte[pt.Length];
        Assert.That(gcm.Encrypt(iv, pt, aad, ct, tag), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct), Is.EqualTo("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"));
        Assert.That(Hex(tag), Is.EqualTo("5bc94fbc3221a5db94fae95ae7121a47"));

        byte[] back = new byte[pt.Length];
        Assert.That(gcm.Decrypt(iv, ct, tag, aad, back), Is.EqualTo(CryptoStatus.Success));
        Assert.That(back, Is.EqualTo(pt));
        tag[3] ^= 1;
        back.AsSpan().Clear();
        Assert.That(gcm.Decrypt(iv, ct, tag, aad, back), Is.EqualTo(CryptoStatus.AuthenticationFailed));
        Assert.That(back, Is.All.EqualTo(0), "no plaintext released on a bad tag");
    }

    [TestCase(0, "bb1d6929e95937287fa37d129b756746")]
    [TestCase(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [TestCase(40, "dfa66747de9ae63030ca32611497c827")]
    [TestCase(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void Rfc4493Cmac(int length, string expected)
    {
        AesKey key = Key(H(Sp80038AKey));
        byte[] msg = H(Sp80038APlain).AsSpan(0, length).ToArray();
        byte[] tag = new byte[16];
        Assert.That(AesCmac.Compute(key, msg, tag), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(tag), Is.EqualTo(expected));
        Assert.That(AesCmac.Verify(key, msg, tag), Is.True);
        tag[15] ^= 0x80;
        Assert.That(AesCmac.Verify(key, msg, tag), Is.False);
    }

    [TestCase("1111111111111111111111111111111122222222222222222222222222222222", "3333333333", 32, "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0")]
    [TestCase("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f022222222222222222222222222222222", "3333333333", 32, "af85336b597afc1a900b2eb21ec949d292df4c047e0b21532186a5971a227a89")]
    [TestCase("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0", "9a78563412", 17, "6c1625db4671522d3d7599601de7ca09ed")]
    [TestCase("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0", "9a78563412", 20, "9d84c813f719aa2c7be3f66171c7c5c2edbf9dac")]
    public void Ieee1619Xts(string key, string tweakPrefix, int length, string expected)
    {
        var xts = new AesXts();
        if (xts.SetKey(H(key), _impl) == CryptoStatus.NotSupported)
        {
            Assert.Ignore("AES-NI not available");
        }

        byte[] tweak = new byte[16];
        H(tweakPrefix).CopyTo(tweak, 0);
        byte[] pt = new byte[length];
        if (key.StartsWith("1111", StringComparison.Ordinal) || key.EndsWith("2222", StringComparison.Ordinal))
        {
            pt.AsSpan().Fill(0x44);
        }
        else
        {
            pt = Seq(length);
        }

        byte[] ct = new byte[length];
        Assert.That(xts.Encrypt(tweak, pt, ct), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Hex(ct), Is.EqualTo(expected));
        byte[] back = new byte[length];
        Assert.That(xts.Decrypt(tweak, ct, back), Is.EqualTo(CryptoStatus.Success));
        Assert.That(back, Is.EqualTo(pt));
    }
}
