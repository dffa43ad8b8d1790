using System;
using System.Security.Cryptography;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Ec;
using NUnit.Framework;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>ECDSA and ECDH on P-256 / P-384 against BouncyCastle, both directions.</summary>
public class EcDifferentialTests
{
    private const int Cases = 1000;

    private static (EcCurve Ours, ECDomainParameters Theirs) Curves(int bits)
    {
        X9ECParameters x9 = bits == 256 ? ECNamedCurveTable.GetByName("P-256") : ECNamedCurveTable.GetByName("P-384");
        return (bits == 256 ? EcCurve.P256 : EcCurve.P384, new ECDomainParameters(x9));
    }

    private static byte[] RandomScalar(SeededRandom rng, ECDomainParameters dom, int size)
    {
        while (true)
        {
            var k = new BigInteger(1, rng.Bytes(size));
            if (k.SignValue > 0 && k.CompareTo(dom.N) < 0)
            {
                return k.ToByteArrayUnsigned().Length == size ? k.ToByteArrayUnsigned() : Pad(k.ToByteArrayUnsigned(), size);
            }
        }
    }

    private static byte[] Pad(byte[] v, int size)
    {
        byte[] r = new byte[size];
        Array.Copy(v, 0, r, size - v.Length, v.Length);
        return r;
    }

    [TestCase(256)]
    [TestCase(384)]
    public void EcdsaBothDirections(int bits)
    {
        var (c, dom) = Curves(bits);
        var rng = new SeededRandom(bits);
        int fb = c.FieldBytes;
        byte[] sig = new byte[2 * fb];
        byte[] pub = new byte[1 + (2 * fb)];
        byte[] der = new byte[EcdsaSignatureFormat.MaxDerSize(c)];
        for (int i = 0; i < Cases; i++)
        {
            byte[] d = RandomScalar(rng, dom, fb);
            Assert.That(Ecdsa.DerivePublicKey(c, d, pub), Is.EqualTo(CryptoStatus.Success));
            var bcPriv = new ECPrivateKeyParameters(new BigInteger(1, d), dom);
            var bcPubPoint = dom.G.Multiply(bcPriv.D).Normalize();
            Assert.That(pub, Is.EqualTo(bcPubPoint.GetEncoded(false)), "public key");
            var bcPub = new ECPublicKeyParameters(bcPubPoint, dom);
            byte[] digest = i % 2 == 0 ? SHA256.HashData(rng.Bytes(20)) : SHA384.HashData(rng.Bytes(20));

            // Ours -> BouncyCastle (random and deterministic nonces alternately).
            CryptoStatus st = i % 3 == 0
                ? Ecdsa.SignDeterministic<Lvbs.Kernel.Crypto.Hashing.Sha256>(c, d, digest, sig)
                : Ecdsa.Sign(c, d, digest, sig, rng);
            Assert.That(st, Is.EqualTo(CryptoStatus.Success));
            var verifier = new ECDsaSigner();
            verifier.Init(false, bcPub);
            Assert.That(verifier.VerifySignature(digest, new BigInteger(1, sig, 0, fb), new BigInteger(1, sig, fb, fb)), Is.True, "BouncyCastle rejected our signature");

            // BouncyCastle -> ours, through DER.
            var signer = new ECDsaSigner();
            signer.Init(true, bcPriv);
            BigInteger[] rs = signer.GenerateSignature(digest);
            byte[] p1363 = new byte[2 * fb];
            Array.Copy(Pad(rs[0].ToByteArrayUnsigned(), fb), 0, p1363, 0, fb);
            Array.Copy(Pad(rs[1].ToByteArrayUnsigned(), fb), 0, p1363, fb, fb);
            int len = EcdsaSignatureFormat.P1363ToDer(c, p1363, der);
            byte[] back = new byte[2 * fb];
            Assert.That(EcdsaSignatureFormat.TryDerToP1363(c, der.AsSpan(0, len), back), Is.True);
            Assert.That(back, Is.EqualTo(p1363));
            Assert.That(Ecdsa.Verify(c, pub, digest, back), Is.True, "we rejected BouncyCastle's signature");
            digest[rng.Inner.Next(Math.Min(digest.Length, fb))] ^= 1; // only the leftmost FieldBytes count (bits2int)
            Assert.That(Ecdsa.Verify(c, pub, digest, back), Is.False, "wrong digest accepted");
        }
    }

    [TestCase(256)]
    [TestCase(384)]
    public void EcdhMatchesBouncyCastle(int bits)
    {
        var (c, dom) = Curves(bits);
        var rng = new SeededRandom(bits + 1);
        int fb = c.FieldBytes;
        byte[] shared = new byte[fb];
        for (int i = 0; i < Cases; i++)
        {
            byte[] a = RandomScalar(rng, dom, fb);
            byte[] b = RandomScalar(rng, dom, fb);
            var bPub = dom.G.Multiply(new BigInteger(1, b)).Normalize();
            byte[] peer = bPub.GetEncoded(i % 2 == 0);
            Assert.That(Ecdh.DeriveSharedSecret(c, a, peer, shared), Is.EqualTo(CryptoStatus.Success));
            var agreement = new ECDHBasicAgreement();
            agreement.Init(new ECPrivateKeyParameters(new BigInteger(1, a), dom));
            BigInteger z = agreement.CalculateAgreement(new ECPublicKeyParameters(bPub, dom));
            Assert.That(shared, Is.EqualTo(Pad(z.ToByteArrayUnsigned(), fb)));
        }
    }
}
