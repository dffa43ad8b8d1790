using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Mac;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>Every AES entry point returns a status (and writes nothing) for malformed input.</summary>
public class AesMalformedInputTests
{
    private static AesKey Key()
    {
        var k = new AesKey();
        Assert.That(k.SetKey(new byte[16], AesImplementation.Software), Is.EqualTo(CryptoStatus.Success));
        return k;
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(17)]
    [TestCase(20)]
    [TestCase(33)]
    public void BadKeyLengths(int length)
    {
        Assert.That(new AesKey().SetKey(new byte[length]), Is.EqualTo(CryptoStatus.InvalidKeyLength));
        Assert.That(new AesGcm().SetKey(new byte[length]), Is.EqualTo(CryptoStatus.InvalidKeyLength));
        Assert.That(new AesXts().SetKey(new byte[length]), Is.EqualTo(CryptoStatus.InvalidKeyLength));
    }

    [Test]
    public void FailedRekeyClearsThePreviousKey()
    {
        AesKey k = Key();
        Assert.That(k.SetKey(new byte[7]), Is.EqualTo(CryptoStatus.InvalidKeyLength));
        Assert.That(k.HasKey, Is.False);
        Assert.That(AesEcb.Encrypt(k, new byte[16], new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(k.SetKey(new byte[16], (AesImplementation)42), Is.EqualTo(CryptoStatus.InvalidParameter));
    }

    [Test]
    public void UnalignedAndShortBuffers()
    {
        AesKey k = Key();
        Assert.That(AesEcb.Encrypt(k, new byte[15], new byte[16]), Is.EqualTo(CryptoStatus.InvalidLength));
        Assert.That(AesEcb.Decrypt(k, new byte[32], new byte[16]), Is.EqualTo(CryptoStatus.BufferTooSmall));
        Assert.That(AesCbc.Encrypt(k, new byte[16], new byte[17], new byte[32]), Is.EqualTo(CryptoStatus.InvalidLength));
        Assert.That(AesCbc.Encrypt(k, new byte[15], new byte[16], new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(AesCbc.EncryptPkcs7(k, new byte[16], new byte[16], new byte[16], out int w), Is.EqualTo(CryptoStatus.BufferTooSmall));
        Assert.That(w, Is.Zero);
        Assert.That(AesCtr.Transform(k, new byte[8], new byte[16], new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(AesCtr.Transform(k, new byte[16], new byte[16], new byte[15]), Is.EqualTo(CryptoStatus.BufferTooSmall));
        Assert.That(AesCmac.Compute(k, default, new byte[15]), Is.EqualTo(CryptoStatus.BufferTooSmall));
        Assert.That(AesCmac.Verify(k, default, new byte[7]), Is.False);
        Assert.That(AesCmac.Verify(new AesKey(), default, new byte[16]), Is.False);
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(17)]
    public void Pkcs7RejectsBadCiphertextLengths(int length)
    {
        byte[] output = new byte[64];
        Assert.That(AesCbc.DecryptPkcs7(Key(), new byte[16], new byte[length], output, out int w), Is.EqualTo(CryptoStatus.InvalidLength));
        Assert.That(w, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(17)]
    [TestCase(255)]
    public void Pkcs7RejectsOutOfRangePadByte(int padByte) => AssertPaddingError(last => last[15] = (byte)padByte);

    [Test]
    public void Pkcs7RejectsInconsistentPadding() => AssertPaddingError(last =>
    {
        last.AsSpan(12).Fill(4);
        last[13] = 5;
    });

    [Test]
    public void Pkcs7AcceptsFullBlockOfPadding()
    {
        AesKey k = Key();
        byte[] plain = new byte[32];
        plain.AsSpan(16).Fill(16);
        byte[] ct = new byte[32];
        Assert.That(AesCbc.Encrypt(k, new byte[16], plain, ct), Is.EqualTo(CryptoStatus.Success));
        byte[] output = new byte[32];
        Assert.That(AesCbc.DecryptPkcs7(k, new byte[16], ct, output, out int w), Is.EqualTo(CryptoStatus.Success));
        Assert.That(w, Is.EqualTo(16));
    }

    private static void AssertPaddingError(Action<byte[]> corrupt)
    {
        AesKey k = Key();
        byte[] plain = new byte[32];
        new Random(5).NextBytes(plain);
        byte[] last = plain.AsSpan(16).ToArray();
        corrupt(last);
        last.CopyTo(plain, 16);
        byte[] ct = new byte[32];
        Assert.That(AesCbc.Encrypt(k, new byte[16], plain, ct), Is.EqualTo(CryptoStatus.Success));
        byte[] output = new byte[32];
        Assert.That(AesCbc.DecryptPkcs7(k, new byte[16], ct, output, out int w), Is.EqualTo(CryptoStatus.PaddingError));
        Assert.That(w, Is.Zero);
        Assert.That(output, Is.All.EqualTo(0), "nothing written on a padding error");
    }

    [Test]
    public void GcmRejectsBadParameters()
    {
        var gcm = new AesGcm();
        byte[] ct = new byte[16], tag = new byte[16];
        Assert.That(gcm.Encrypt(new byte[12], new byte[16], default, ct, tag), Is.EqualTo(CryptoStatus.InvalidParameter), "no key");
        Assert.That(gcm.SetKey(new byte[16], AesImplementation.Software), Is.EqualTo(CryptoStatus.Success));
        Assert.That(gcm.Encrypt(default, new byte[16], default, ct, tag), Is.EqualTo(CryptoStatus.InvalidParameter), "empty nonce");
        Assert.That(gcm.Encrypt(new byte[12], new byte[16], default, ct, new byte[11]), Is.EqualTo(CryptoStatus.InvalidParameter), "tag too short");
        Assert.That(gcm.Encrypt(new byte[12], new byte[16], default, ct, new byte[17]), Is.EqualTo(CryptoStatus.InvalidParameter), "tag too long");
        Assert.That(gcm.Encrypt(new byte[12], new byte[16], default, new byte[15], tag), Is.EqualTo(CryptoStatus.BufferTooSmall));
        Assert.That(gcm.Decrypt(new byte[12], ct, new byte[8], default, new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(gcm.Decrypt(new byte[12], ct, tag, default, new byte[16]), Is.EqualTo(CryptoStatus.AuthenticationFailed));
    }

    [Test]
    public void XtsRejectsEqualHalvesAndShortUnits()
    {
        var xts = new AesXts();
        byte[] key = new byte[32];
        Assert.That(xts.SetKey(key), Is.EqualTo(CryptoStatus.InvalidParameter), "Key1 == Key2");
        key[31] = 1;
        Assert.That(xts.SetKey(key, AesImplementation.Software), Is.EqualTo(CryptoStatus.Success));
        Assert.That(xts.Encrypt(new byte[16], new byte[15], new byte[15]), Is.EqualTo(CryptoStatus.InvalidLength));
        Assert.That(xts.Encrypt(new byte[8], new byte[16], new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(xts.Decrypt(new byte[16], new byte[32], new byte[31]), Is.EqualTo(CryptoStatus.BufferTooSmall));
    }

    [Test]
    public void InPlaceOperationMatchesOutOfPlace()
    {
        var rng = new Random(9);
        foreach (AesImplementation impl in new[] { AesImplementation.Software, AesImplementation.Automatic })
        {
            var gcm = new AesGcm();
            Assert.That(gcm.SetKey(new byte[32], impl), Is.EqualTo(CryptoStatus.Success));
            byte[] pt = new byte[200];
            rng.NextBytes(pt);
            byte[] ct = new byte[200], tag = new byte[16], buf = (byte[])pt.Clone(), tag2 = new byte[16];
            Assert.That(gcm.Encrypt(new byte[12], pt, default, ct, tag), Is.EqualTo(CryptoStatus.Success));
            Assert.That(gcm.Encrypt(new byte[12], buf, default, buf, tag2), Is.EqualTo(CryptoStatus.Success));
            Assert.That(buf, Is.EqualTo(ct));
            Assert.That(tag2, Is.EqualTo(tag));

            var key = new AesKey();
            Assert.That(key.SetKey(new byte[24], impl), Is.EqualTo(CryptoStatus.Success));
            byte[] cbc = new byte[208];
            Assert.That(AesCbc.Encrypt(key, new byte[16], pt.AsSpan(0, 192), cbc), Is.EqualTo(CryptoStatus.Success));
            byte[] inPlace = cbc.AsSpan(0, 192).ToArray();
            Assert.That(AesCbc.Decrypt(key, new byte[16], inPlace, inPlace), Is.EqualTo(CryptoStatus.Success));
            Assert.That(inPlace, Is.EqualTo(pt.AsSpan(0, 192).ToArray()));
        }
    }

    [Test]
    public void DisposeClearsKeyMaterial()
    {
        AesKey k = Key();
        k.Dispose();
        Assert.That(k.HasKey, Is.False);
        var gcm = new AesGcm();
        Assert.That(gcm.SetKey(new byte[16]), Is.EqualTo(CryptoStatus.Success));
        gcm.Dispose();
        Assert.That(gcm.Encrypt(new byte[12], default, default, default, new byte[16]), Is.EqualTo(CryptoStatus.InvalidParameter));
    }
}
