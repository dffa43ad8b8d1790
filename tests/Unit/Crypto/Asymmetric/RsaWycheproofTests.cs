using System;
using System.Security.Cryptography;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Tests.Unit.Crypto.Wycheproof;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// Wycheproof RSA vectors. "acceptable" vectors (only MissingNull: a DigestInfo without the
/// NULL parameters) are rejected, because verification compares the full RFC 8017 §9.2 encoding.
/// </summary>
public class RsaWycheproofTests
{
    private static DigestAlgorithm Sha(string name) => name switch
    {
        "SHA-1" => DigestAlgorithm.Sha1,
        "SHA-256" => DigestAlgorithm.Sha256,
        "SHA-384" => DigestAlgorithm.Sha384,
        "SHA-512" => DigestAlgorithm.Sha512,
        _ => throw new ArgumentException("unexpected hash " + name),
    };

    [TestCase("rsa_signature_2048_sha256_test.json")]
    [TestCase("rsa_signature_4096_sha256_test.json")]
    public void Pkcs1v15Verify(string file)
    {
        WycheproofFile f = WycheproofFile.Load(file);
        int checkedCount = 0;
        foreach (WycheproofGroup g in f.Groups)
        {
            Assert.That(RsaPublicKey.TryCreate(g.Hex("publicKey", "modulus"), g.Hex("publicKey", "publicExponent"), out RsaPublicKey? key), Is.EqualTo(CryptoStatus.Success));
            DigestAlgorithm alg = Sha(g.String("sha"));
            foreach (WycheproofTest t in g.Tests)
            {
                bool ok = Pkcs1v15Signature.VerifyMessage(key!, alg, t.Hex("msg"), t.Hex("sig"));
                bool expected = t.Result == WycheproofResult.Valid;
                Assert.That(ok, Is.EqualTo(expected), t.ToString());
                checkedCount++;
            }
        }

        Assert.That(checkedCount, Is.EqualTo(f.NumberOfTests));
    }

    [Test]
    public void PssVerify()
    {
        WycheproofFile f = WycheproofFile.Load("rsa_pss_2048_sha256_mgf1_32_test.json");
        foreach (WycheproofGroup g in f.Groups)
        {
            Assert.That(RsaPublicKey.TryCreate(g.Hex("publicKey", "modulus"), g.Hex("publicKey", "publicExponent"), out RsaPublicKey? key), Is.EqualTo(CryptoStatus.Success));
            DigestAlgorithm alg = Sha(g.String("sha"));
            Assert.That(Sha(g.String("mgfSha")), Is.EqualTo(alg));
            foreach (WycheproofTest t in g.Tests)
            {
                byte[] digest = new byte[Digests.SizeOf(alg)];
                Digests.TryHash(alg, t.Hex("msg"), digest);
                bool ok = PssSignature.Verify(key!, alg, digest, g.Int("sLen"), t.Hex("sig"));
                Assert.That(ok, Is.EqualTo(t.Result == WycheproofResult.Valid), t.ToString());
            }
        }
    }

    private static RsaPrivateKey PrivateKey(WycheproofGroup g)
    {
        CryptoStatus st = RsaPrivateKey.TryCreate(
            g.Hex("privateKey", "modulus"), g.Hex("privateKey", "publicExponent"), g.Hex("privateKey", "privateExponent"),
            g.Hex("privateKey", "prime1"), g.Hex("privateKey", "prime2"), out RsaPrivateKey? key);
        Assert.That(st, Is.EqualTo(CryptoStatus.Success));
        return key!;
    }

    [Test]
    public void OaepDecrypt()
    {
        WycheproofFile f = WycheproofFile.Load("rsa_oaep_2048_sha256_mgf1sha256_test.json");
        var rng = new SeededRandom(1);
        foreach (WycheproofGroup g in f.Groups)
        {
            RsaPrivateKey key = PrivateKey(g);
            DigestAlgorithm alg = Sha(g.String("sha"));
            Assert.That(Sha(g.String("mgfSha")), Is.EqualTo(alg));
            foreach (WycheproofTest t in g.Tests)
            {
                byte[] pt = new byte[key.ModulusBytes];
                CryptoStatus st = OaepEncryption.Decrypt(key, alg, t.Hex("label"), t.Hex("ct"), pt, out int written, rng);
                if (t.Result == WycheproofResult.Valid)
                {
                    Assert.That(st, Is.EqualTo(CryptoStatus.Success), t.ToString());
                    Assert.That(pt.AsSpan(0, written).ToArray(), Is.EqualTo(t.Hex("msg")), t.ToString());
                }
                else
                {
                    Assert.That(st, Is.EqualTo(CryptoStatus.PaddingError), t.ToString());
                }
            }
        }
    }

    [Test]
    public void Pkcs1v15Decrypt()
    {
        WycheproofFile f = WycheproofFile.Load("rsa_pkcs1_2048_test.json");
        var rng = new SeededRandom(2);
        foreach (WycheproofGroup g in f.Groups)
        {
            RsaPrivateKey key = PrivateKey(g);
            foreach (WycheproofTest t in g.Tests)
            {
                byte[] pt = new byte[key.ModulusBytes];
                CryptoStatus st = Pkcs1v15Encryption.Decrypt(key, t.Hex("ct"), pt, out int written, rng);
                if (t.Result == WycheproofResult.Valid)
                {
                    Assert.That(st, Is.EqualTo(CryptoStatus.Success), t.ToString());
                    Assert.That(pt.AsSpan(0, written).ToArray(), Is.EqualTo(t.Hex("msg")), t.ToString());
                }
                else
                {
                    Assert.That(st, Is.EqualTo(CryptoStatus.PaddingError), t.ToString());
                }
            }
        }
    }

    [Test]
    public void MalformedKeysAndInputsAreRejected()
    {
        using var sys = RSA.Create(2048);
        RSAParameters p = sys.ExportParameters(true);
        Assert.That(RsaPublicKey.TryCreate(p.Modulus, p.Exponent, out RsaPublicKey? key), Is.EqualTo(CryptoStatus.Success));
        byte[] even = (byte[])p.Modulus!.Clone();
        even[^1] &= 0xFE;
        Assert.That(RsaPublicKey.TryCreate(even, p.Exponent, out _), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(RsaPublicKey.TryCreate(p.Modulus.AsSpan(0, 128), p.Exponent, out _), Is.EqualTo(CryptoStatus.InvalidKeyLength));
        Assert.That(RsaPublicKey.TryCreate(p.Modulus, new byte[] { 1, 0, 0 }, out _), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(RsaPublicKey.TryCreate(p.Modulus, new byte[] { 1 }, out _), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(RsaPublicKey.TryCreate(p.Modulus, p.Modulus, out _), Is.EqualTo(CryptoStatus.InvalidParameter));

        byte[] digest = SHA256.HashData(new byte[] { 1, 2, 3 });
        byte[] sig = sys.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.That(Pkcs1v15Signature.Verify(key!, DigestAlgorithm.Sha256, digest, sig), Is.True);
        Assert.That(Pkcs1v15Signature.Verify(key!, DigestAlgorithm.Sha256, digest, sig.AsSpan(1)), Is.False, "short signature");
        Assert.That(Pkcs1v15Signature.Verify(key!, DigestAlgorithm.Sha256, digest.AsSpan(1), sig), Is.False, "short digest");
        Assert.That(Pkcs1v15Signature.Verify(key!, (DigestAlgorithm)99, digest, sig), Is.False, "unknown hash");
        Assert.That(Pkcs1v15Signature.Verify(key!, DigestAlgorithm.Sha256, digest, p.Modulus), Is.False, "s = n");
        byte[] longer = new byte[sig.Length + 1];
        sig.CopyTo(longer, 1);
        Assert.That(Pkcs1v15Signature.Verify(key!, DigestAlgorithm.Sha256, digest, longer), Is.False, "leading zero");

        // Inconsistent private key material is refused.
        byte[] badD = (byte[])p.D!.Clone();
        badD[^1] ^= 2;
        Assert.That(RsaPrivateKey.TryCreate(p.Modulus, p.Exponent, badD, p.P, p.Q, out _), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(RsaPrivateKey.TryCreate(p.Modulus, p.Exponent, p.D, p.P, p.P, out _), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(RsaPrivateKey.TryCreate(p.Modulus, p.Exponent, p.D, p.P, p.Q, out RsaPrivateKey? priv), Is.EqualTo(CryptoStatus.Success));
        byte[] outSig = new byte[256];
        Assert.That(Pkcs1v15Signature.Sign(priv!, DigestAlgorithm.Sha256, digest, outSig, new FailingRandom()), Is.EqualTo(CryptoStatus.EntropyUnavailable));
        Assert.That(Pkcs1v15Signature.Sign(priv!, DigestAlgorithm.Sha256, digest, outSig, new SeededRandom(3)), Is.EqualTo(CryptoStatus.Success));
        Assert.That(outSig, Is.EqualTo(sig), "PKCS#1 v1.5 signatures are deterministic");
    }
}
