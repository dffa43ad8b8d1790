using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Mac;
using NUnit.Framework;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>
/// AES modes against BouncyCastle: 1,000 random cases per mode and key size, random lengths,
/// both directions (ours encrypts / BouncyCastle decrypts, and the reverse), on both paths.
/// </summary>
[TestFixture(AesImplementation.Software)]
[TestFixture(AesImplementation.Hardware)]
public class AesDifferentialTests
{
    private const int Cases = 1000;
    private readonly AesImplementation _impl;

    public AesDifferentialTests(AesImplementation impl) => _impl = impl;

    [SetUp]
    public void RequireImplementation()
    {
        if (_impl == AesImplementation.Hardware && !System.Runtime.Intrinsics.X86.Aes.IsSupported)
        {
            Assert.Ignore("AES-NI not available");
        }
    }

    private static byte[] Rand(Random rng, int n)
    {
        byte[] b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    private AesKey Key(byte[] key)
    {
        var k = new AesKey();
        Assert.That(k.SetKey(key, _impl), Is.EqualTo(CryptoStatus.Success));
        return k;
    }

    private static byte[] BcProcess(IBufferedCipher cipher, byte[] input)
    {
        return cipher.DoFinal(input);
    }

    [TestCase(16)]
    [TestCase(24)]
    [TestCase(32)]
    public void EcbAndCbc(int keyLength)
    {
        var rng = new Random(100 + keyLength);
        for (int i = 0; i < Cases; i++)
        {
            byte[] k = Rand(rng, keyLength), iv = Rand(rng, 16), pt = Rand(rng, 16 * rng.Next(0, 20));
            AesKey key = Key(k);

            var ecb = new BufferedBlockCipher(new EcbBlockCipher(new AesEngine()));
            ecb.Init(true, new KeyParameter(k));
            byte[] expected = BcProcess(ecb, pt);
            byte[] ours = new byte[pt.Length];
            Assert.That(AesEcb.Encrypt(key, pt, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(expected), "ECB encrypt");
            Assert.That(AesEcb.Decrypt(key, expected, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(pt), "ECB decrypt");

            var cbc = new BufferedBlockCipher(new CbcBlockCipher(new AesEngine()));
            cbc.Init(true, new ParametersWithIV(new KeyParameter(k), iv));
            expected = BcProcess(cbc, pt);
            Assert.That(AesCbc.Encrypt(key, iv, pt, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(expected), "CBC encrypt");
            Assert.That(AesCbc.Decrypt(key, iv, expected, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(pt), "CBC decrypt");
        }
    }

    [TestCase(16)]
    [TestCase(24)]
    [TestCase(32)]
    public void CbcPkcs7BothDirections(int keyLength)
    {
        var rng = new Random(200 + keyLength);
        for (int i = 0; i < Cases; i++)
        {
            byte[] k = Rand(rng, keyLength), iv = Rand(rng, 16), pt = Rand(rng, rng.Next(0, 300));
            AesKey key = Key(k);
            byte[] ours = new byte[AesCbc.PaddedLength(pt.Length)];
            Assert.That(AesCbc.EncryptPkcs7(key, iv, pt, ours, out int n), Is.EqualTo(CryptoStatus.Success));
            Assert.That(n, Is.EqualTo(ours.Length));

            var bc = new PaddedBufferedBlockCipher(new CbcBlockCipher(new AesEngine()), new Pkcs7Padding());
            bc.Init(false, new ParametersWithIV(new KeyParameter(k), iv));
            Assert.That(bc.DoFinal(ours), Is.EqualTo(pt), "ours -> BouncyCastle");

            bc.Init(true, new ParametersWithIV(new KeyParameter(k), iv));
            byte[] theirs = bc.DoFinal(pt);
            byte[] back = new byte[theirs.Length];
            Assert.That(AesCbc.DecryptPkcs7(key, iv, theirs, back, out int m), Is.EqualTo(CryptoStatus.Success));
            Assert.That(back.AsSpan(0, m).ToArray(), Is.EqualTo(pt), "BouncyCastle -> ours");
        }
    }

    [TestCase(16)]
    [TestCase(24)]
    [TestCase(32)]
    public void Ctr(int keyLength)
    {
        var rng = new Random(300 + keyLength);
        for (int i = 0; i < Cases; i++)
        {
            byte[] k = Rand(rng, keyLength), ctr = Rand(rng, 16), pt = Rand(rng, rng.Next(0, 400));
            if (i % 10 == 0)
            {
                // Exercise carries out of the low 64 bits.
                ctr.AsSpan(8).Fill(0xff);
                ctr[15] = (byte)(0xff - rng.Next(10));
            }

            var bc = new BufferedBlockCipher(new SicBlockCipher(new AesEngine()));
            bc.Init(true, new ParametersWithIV(new KeyParameter(k), ctr));
            byte[] expected = bc.DoFinal(pt);
            byte[] ours = new byte[pt.Length];
            Assert.That(AesCtr.Transform(Key(k), (byte[])ctr.Clone(), pt, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(expected));
        }
    }

    [TestCase(16)]
    [TestCase(24)]
    [TestCase(32)]
    public void GcmBothDirections(int keyLength)
    {
        var rng = new Random(400 + keyLength);
        var gcm = new AesGcm();
        for (int i = 0; i < Cases; i++)
        {
            byte[] k = Rand(rng, keyLength);
            byte[] iv = Rand(rng, i % 4 == 0 ? rng.Next(1, 40) : 12);
            byte[] aad = Rand(rng, rng.Next(0, 100));
            byte[] pt = Rand(rng, rng.Next(0, 400));
            int tagLength = 12 + rng.Next(5);
            Assert.That(gcm.SetKey(k, _impl), Is.EqualTo(CryptoStatus.Success));

            byte[] ct = new byte[pt.Length];
            byte[] tag = new byte[tagLength];
            Assert.That(gcm.Encrypt(iv, pt, aad, ct, tag), Is.EqualTo(CryptoStatus.Success));
            var bc = new GcmBlockCipher(new AesEngine());
            bc.Init(false, new AeadParameters(new KeyParameter(k), tagLength * 8, iv, aad));
            byte[] combined = new byte[ct.Length + tag.Length];
            ct.CopyTo(combined, 0);
            tag.CopyTo(combined, ct.Length);
            byte[] plain = new byte[bc.GetOutputSize(combined.Length)];
            int len = bc.ProcessBytes(combined, 0, combined.Length, plain, 0);
            len += bc.DoFinal(plain, len);
            Assert.That(plain.AsSpan(0, len).ToArray(), Is.EqualTo(pt), "ours -> BouncyCastle");

            bc = new GcmBlockCipher(new AesEngine());
            bc.Init(true, new AeadParameters(new KeyParameter(k), tagLength * 8, iv, aad));
            byte[] theirs = new byte[bc.GetOutputSize(pt.Length)];
            len = bc.ProcessBytes(pt, 0, pt.Length, theirs, 0);
            bc.DoFinal(theirs, len);
            byte[] back = new byte[pt.Length];
            Assert.That(gcm.Decrypt(iv, theirs.AsSpan(0, pt.Length), theirs.AsSpan(pt.Length), aad, back), Is.EqualTo(CryptoStatus.Success));
            Assert.That(back, Is.EqualTo(pt), "BouncyCastle -> ours");

            // Any single-bit change to ciphertext, tag or AAD must be rejected.
            byte[] forged = (byte[])theirs.Clone();
            forged[rng.Next(forged.Length)] ^= (byte)(1 << rng.Next(8));
            Assert.That(gcm.Decrypt(iv, forged.AsSpan(0, pt.Length), forged.AsSpan(pt.Length), aad, back), Is.EqualTo(CryptoStatus.AuthenticationFailed));
        }
    }

    [TestCase(16)]
    [TestCase(24)]
    [TestCase(32)]
    public void Cmac(int keyLength)
    {
        var rng = new Random(500 + keyLength);
        for (int i = 0; i < Cases; i++)
        {
            byte[] k = Rand(rng, keyLength), msg = Rand(rng, rng.Next(0, 300));
            var bc = new CMac(new AesEngine());
            bc.Init(new KeyParameter(k));
            bc.BlockUpdate(msg, 0, msg.Length);
            byte[] expected = new byte[16];
            bc.DoFinal(expected, 0);
            byte[] ours = new byte[16];
            Assert.That(AesCmac.Compute(Key(k), msg, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(expected));
        }
    }

    [TestCase(32)]
    [TestCase(64)]
    public void XtsAgainstReferenceBuiltOnBouncyCastleAes(int keyLength)
    {
        // BouncyCastle has no XTS; the reference below is IEEE 1619 §5.3 written directly over
        // BouncyCastle's AES engine (ciphertext stealing included).
        var rng = new Random(600 + keyLength);
        var xts = new AesXts();
        for (int i = 0; i < Cases; i++)
        {
            byte[] k = Rand(rng, keyLength), tweak = Rand(rng, 16), pt = Rand(rng, rng.Next(16, 300));
            Assert.That(xts.SetKey(k, _impl), Is.EqualTo(CryptoStatus.Success));
            byte[] ours = new byte[pt.Length];
            Assert.That(xts.Encrypt(tweak, pt, ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(XtsReference.Encrypt(k, tweak, pt)), "length " + pt.Length);
            byte[] back = new byte[pt.Length];
            Assert.That(xts.Decrypt(tweak, ours, back), Is.EqualTo(CryptoStatus.Success));
            Assert.That(back, Is.EqualTo(pt));
        }
    }
}
