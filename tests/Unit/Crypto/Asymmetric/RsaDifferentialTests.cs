using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Rsa;
using NUnit.Framework;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// Differential tests against BouncyCastle in both directions. A few keys per size (key
/// generation dominates otherwise) and many random messages per key.
/// </summary>
// The cases are independent (own keys and seeded randomness) and RSA-heavy: run them on both cores.
[Parallelizable(ParallelScope.Children)]
public class RsaDifferentialTests
{
    private const int CasesPerSize = 1000;

    // 4096-bit private operations cost ~8x the 2048-bit ones (BouncyCastle's signing included),
    // so the largest size runs a tenth of the cases to keep the suite to about a minute.
    private static int CasesFor(int bits) => bits >= 4096 ? CasesPerSize / 10 : CasesPerSize;

    private static (RsaPrivateKey Ours, RsaPrivateCrtKeyParameters Theirs) BcKey(int bits, int seed)
    {
        var gen = new RsaKeyPairGenerator();
        var sr = SecureRandom.GetInstance("SHA256PRNG", false);
        sr.SetSeed(seed);
        gen.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), sr, bits, 80));
        var bc = (RsaPrivateCrtKeyParameters)gen.GenerateKeyPair().Private;
        Assert.That(RsaPrivateKey.TryCreate(bc.Modulus.ToByteArrayUnsigned(), bc.PublicExponent.ToByteArrayUnsigned(),
            bc.Exponent.ToByteArrayUnsigned(), bc.P.ToByteArrayUnsigned(), bc.Q.ToByteArrayUnsigned(), out RsaPrivateKey? ours), Is.EqualTo(CryptoStatus.Success));
        return (ours!, bc);
    }

    private static RsaKeyParameters BcPublic(RsaPublicKey key)
    {
        byte[] n = new byte[key.ModulusBytes];
        Lvbs.Kernel.Crypto.BigInteger.Natural.TryToBigEndian(key.Modulus, n);
        return new RsaKeyParameters(false, new BigInteger(1, n), BigInteger.ValueOf(65537));
    }

    [Test]
    public void KeyGenerationProducesKeysBouncyCastleAccepts()
    {
        var rng = new SeededRandom(42);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(RsaKeyGenerator.Generate(2048, rng, out RsaPrivateKey? key), Is.EqualTo(CryptoStatus.Success));
            Assert.That(key!.PublicKey.ModulusBits, Is.EqualTo(2048));
            var p = new BigInteger(1, ToBytes(key.P));
            var q = new BigInteger(1, ToBytes(key.Q));
            Assert.That(p.IsProbablePrime(64) && q.IsProbablePrime(64), Is.True);
            var d = new BigInteger(1, ToBytes(key.PrivateExponent));
            var lambda = p.Subtract(BigInteger.One).Multiply(q.Subtract(BigInteger.One)).Divide(p.Subtract(BigInteger.One).Gcd(q.Subtract(BigInteger.One)));
            Assert.That(d.Multiply(BigInteger.ValueOf(65537)).Mod(lambda), Is.EqualTo(BigInteger.One));
            RunPkcs1(key, BcPublic(key.PublicKey), null, rng, 50);
        }

        Assert.That(RsaKeyGenerator.Generate(1000, rng, out _), Is.EqualTo(CryptoStatus.InvalidKeyLength));
        Assert.That(RsaKeyGenerator.Generate(2048, new FailingRandom(), out _), Is.EqualTo(CryptoStatus.EntropyUnavailable));
    }

    private static byte[] ToBytes(ReadOnlySpan<ulong> limbs)
    {
        byte[] b = new byte[limbs.Length * 8];
        Lvbs.Kernel.Crypto.BigInteger.Natural.TryToBigEndian(limbs, b);
        return b;
    }

    [TestCase(2048, 2)]
    [TestCase(4096, 1)]
    public void Pkcs1v15BothDirections(int bits, int keys)
    {
        var rng = new SeededRandom(bits);
        for (int k = 0; k < keys; k++)
        {
            var (ours, bc) = BcKey(bits, bits + k);
            RunPkcs1(ours, new RsaKeyParameters(false, bc.Modulus, bc.PublicExponent), bc, rng, CasesFor(bits) / keys);
        }
    }

    private static void RunPkcs1(RsaPrivateKey ours, RsaKeyParameters bcPublic, RsaPrivateCrtKeyParameters? bcPrivate, SeededRandom rng, int cases)
    {
        byte[] sig = new byte[ours.ModulusBytes];
        for (int i = 0; i < cases; i++)
        {
            byte[] msg = rng.Bytes(rng.Inner.Next(0, 200));
            DigestAlgorithm alg = (i % 3) switch { 0 => DigestAlgorithm.Sha256, 1 => DigestAlgorithm.Sha384, _ => DigestAlgorithm.Sha512 };
            IDigest bcDigest = alg switch { DigestAlgorithm.Sha256 => new Sha256Digest(), DigestAlgorithm.Sha384 => new Sha384Digest(), _ => new Sha512Digest() };
            byte[] digest = new byte[Digests.SizeOf(alg)];
            Digests.TryHash(alg, msg, digest);

            // Ours -> BouncyCastle.
            Assert.That(Pkcs1v15Signature.Sign(ours, alg, digest, sig, rng), Is.EqualTo(CryptoStatus.Success));
            var verifier = new RsaDigestSigner(bcDigest);
            verifier.Init(false, bcPublic);
            verifier.BlockUpdate(msg, 0, msg.Length);
            Assert.That(verifier.VerifySignature(sig), Is.True, "BouncyCastle rejected our signature");

            // BouncyCastle -> ours (every few cases, to bound BouncyCastle's signing time).
            if (bcPrivate is not null)
            {
                var signer = new RsaDigestSigner(alg switch { DigestAlgorithm.Sha256 => new Sha256Digest(), DigestAlgorithm.Sha384 => new Sha384Digest(), _ => new Sha512Digest() });
                signer.Init(true, bcPrivate);
                signer.BlockUpdate(msg, 0, msg.Length);
                byte[] theirs = signer.GenerateSignature();
                Assert.That(Pkcs1v15Signature.VerifyMessage(ours.PublicKey, alg, msg, theirs), Is.True, "we rejected BouncyCastle's signature");
                theirs[rng.Inner.Next(theirs.Length)] ^= (byte)(1 << rng.Inner.Next(8));
                Assert.That(Pkcs1v15Signature.VerifyMessage(ours.PublicKey, alg, msg, theirs), Is.False, "corrupted signature accepted");
            }
        }
    }

    [TestCase(2048)]
    [TestCase(4096)]
    public void PssBothDirections(int bits)
    {
        var rng = new SeededRandom(bits + 1);
        var (ours, bc) = BcKey(bits, bits + 7);
        byte[] sig = new byte[ours.ModulusBytes];
        for (int i = 0; i < CasesFor(bits); i++)
        {
            byte[] msg = rng.Bytes(rng.Inner.Next(0, 100));
            byte[] digest = new byte[32];
            Digests.TryHash(DigestAlgorithm.Sha256, msg, digest);
            int saltLen = i % 2 == 0 ? 32 : rng.Inner.Next(0, 64);
            Assert.That(PssSignature.Sign(ours, DigestAlgorithm.Sha256, digest, saltLen, sig, rng), Is.EqualTo(CryptoStatus.Success));
            var verifier = new PssSigner(new RsaEngine(), new Sha256Digest(), saltLen);
            verifier.Init(false, new RsaKeyParameters(false, bc.Modulus, bc.PublicExponent));
            verifier.BlockUpdate(msg, 0, msg.Length);
            Assert.That(verifier.VerifySignature(sig), Is.True, "BouncyCastle rejected our PSS signature");

            var signer = new PssSigner(new RsaEngine(), new Sha256Digest(), saltLen);
            signer.Init(true, new ParametersWithRandom(bc, new SecureRandom()));
            signer.BlockUpdate(msg, 0, msg.Length);
            byte[] theirs = signer.GenerateSignature();
            Assert.That(PssSignature.Verify(ours.PublicKey, DigestAlgorithm.Sha256, digest, saltLen, theirs), Is.True, "we rejected BouncyCastle's PSS signature");
            Assert.That(PssSignature.Verify(ours.PublicKey, DigestAlgorithm.Sha256, digest, saltLen + 1, theirs), Is.False, "wrong salt length accepted");
        }
    }

    [TestCase(2048)]
    [TestCase(4096)]
    public void OaepBothDirections(int bits)
    {
        var rng = new SeededRandom(bits + 2);
        var (ours, bc) = BcKey(bits, bits + 9);
        byte[] ct = new byte[ours.ModulusBytes];
        byte[] pt = new byte[ours.ModulusBytes];
        int maxMsg = ours.ModulusBytes - 66;
        for (int i = 0; i < CasesFor(bits); i++)
        {
            byte[] msg = rng.Bytes(rng.Inner.Next(0, maxMsg + 1));
            byte[] label = rng.Bytes(rng.Inner.Next(0, 4));
            Assert.That(OaepEncryption.Encrypt(ours.PublicKey, DigestAlgorithm.Sha256, label, msg, ct, rng), Is.EqualTo(CryptoStatus.Success));
            var dec = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label);
            dec.Init(false, bc);
            Assert.That(dec.ProcessBlock(ct, 0, ct.Length), Is.EqualTo(msg), "BouncyCastle decrypted something else");

            var enc = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label);
            enc.Init(true, new ParametersWithRandom(new RsaKeyParameters(false, bc.Modulus, bc.PublicExponent), new SecureRandom()));
            byte[] theirs = enc.ProcessBlock(msg, 0, msg.Length);
            Assert.That(OaepEncryption.Decrypt(ours, DigestAlgorithm.Sha256, label, theirs, pt, out int written, rng), Is.EqualTo(CryptoStatus.Success));
            Assert.That(pt.AsSpan(0, written).ToArray(), Is.EqualTo(msg));
            if (i % 10 == 0)
            {
                byte[] otherLabel = { 9, 9, 9, 9, 9 };
                Assert.That(OaepEncryption.Decrypt(ours, DigestAlgorithm.Sha256, otherLabel, theirs, pt, out _, rng), Is.EqualTo(CryptoStatus.PaddingError));
            }
        }
    }
}
