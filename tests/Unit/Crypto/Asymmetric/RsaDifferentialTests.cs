using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// Differential tests against BouncyCastle in both directions: 1,000 random cases per scheme and
/// key size (2048 and 4096 bits), each case checking ours -> BouncyCastle and BouncyCastle -> ours.
/// A few keys per size (generated once, shared by the chunks) and many random messages per key;
/// every test is split into chunks of <see cref="ChunkSize"/> cases so NUnit spreads them over
/// the cores (each chunk builds its own <see cref="RsaPrivateKey"/>: blinding state is per key).
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class RsaDifferentialTests
{
    private const int CasesPerSize = 1000;
    private const int ChunkSize = 250;
    private static readonly ConcurrentDictionary<(int Bits, int Seed), Lazy<RsaPrivateCrtKeyParameters>> s_keys = new();

    /// <summary>(bits, chunk) for every chunk of every size.</summary>
    public static IEnumerable<TestCaseData> Chunks()
    {
        foreach (int bits in new[] { 2048, 4096 })
        {
            for (int chunk = 0; chunk < CasesPerSize / ChunkSize; chunk++)
            {
                yield return new TestCaseData(bits, chunk);
            }
        }
    }

    private static (RsaPrivateKey Ours, RsaPrivateCrtKeyParameters Theirs) BcKey(int bits, int seed)
    {
        RsaPrivateCrtKeyParameters bc = s_keys.GetOrAdd((bits, seed), k => new Lazy<RsaPrivateCrtKeyParameters>(() =>
        {
            var gen = new RsaKeyPairGenerator();
            var sr = SecureRandom.GetInstance("SHA256PRNG", false);
            sr.SetSeed(k.Seed);
            gen.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), sr, k.Bits, 80));
            return (RsaPrivateCrtKeyParameters)gen.GenerateKeyPair().Private;
        })).Value;
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

    [TestCaseSource(nameof(Chunks))]
    public void Pkcs1v15BothDirections(int bits, int chunk)
    {
        // Two keys per size: even chunks use one, odd chunks the other.
        var rng = new SeededRandom((bits * 64) + chunk);
        var (ours, bc) = BcKey(bits, bits + (chunk % 2));
        RunPkcs1(ours, new RsaKeyParameters(false, bc.Modulus, bc.PublicExponent), bc, rng, ChunkSize);
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

            // BouncyCastle -> ours (when BouncyCastle holds the private key).
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

    [TestCaseSource(nameof(Chunks))]
    public void PssBothDirections(int bits, int chunk)
    {
        var rng = new SeededRandom((bits * 64) + 16 + chunk);
        var (ours, bc) = BcKey(bits, bits + 7);
        var bcRandom = new SecureRandom();
        byte[] sig = new byte[ours.ModulusBytes];
        for (int i = 0; i < ChunkSize; i++)
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
            signer.Init(true, new ParametersWithRandom(bc, bcRandom));
            signer.BlockUpdate(msg, 0, msg.Length);
            byte[] theirs = signer.GenerateSignature();
            Assert.That(PssSignature.Verify(ours.PublicKey, DigestAlgorithm.Sha256, digest, saltLen, theirs), Is.True, "we rejected BouncyCastle's PSS signature");
            Assert.That(PssSignature.Verify(ours.PublicKey, DigestAlgorithm.Sha256, digest, saltLen + 1, theirs), Is.False, "wrong salt length accepted");
        }
    }

    [TestCaseSource(nameof(Chunks))]
    public void OaepBothDirections(int bits, int chunk)
    {
        var rng = new SeededRandom((bits * 64) + 32 + chunk);
        var (ours, bc) = BcKey(bits, bits + 9);
        var bcRandom = new SecureRandom();
        byte[] ct = new byte[ours.ModulusBytes];
        byte[] pt = new byte[ours.ModulusBytes];
        int maxMsg = ours.ModulusBytes - 66;
        for (int i = 0; i < ChunkSize; i++)
        {
            byte[] msg = rng.Bytes(rng.Inner.Next(0, maxMsg + 1));
            byte[] label = rng.Bytes(rng.Inner.Next(0, 4));
            Assert.That(OaepEncryption.Encrypt(ours.PublicKey, DigestAlgorithm.Sha256, label, msg, ct, rng), Is.EqualTo(CryptoStatus.Success));
            var dec = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label);
            dec.Init(false, bc);
            Assert.That(dec.ProcessBlock(ct, 0, ct.Length), Is.EqualTo(msg), "BouncyCastle decrypted something else");

            var enc = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label);
            enc.Init(true, new ParametersWithRandom(new RsaKeyParameters(false, bc.Modulus, bc.PublicExponent), bcRandom));
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
