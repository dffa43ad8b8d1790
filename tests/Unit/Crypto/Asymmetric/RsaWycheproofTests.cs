using System;
using System.Security.Cryptography;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Rsa;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// RSA key and input validation (the Wycheproof RSA files run in WycheproofConformanceTests
/// through the shared runner).
/// </summary>
public class RsaWycheproofTests
{
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
