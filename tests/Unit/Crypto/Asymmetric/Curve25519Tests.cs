using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Curve25519;
using NUnit.Framework;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Crypto.Agreement;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// Ed25519 and X25519: RFC known answers and BouncyCastle differential tests.
/// X25519 "acceptable" vectors: results are compared whenever we succeed; an all-zero shared
/// secret (low-order public keys, flag ZeroSharedSecret) is refused per RFC 7748 §6.1.
/// </summary>
public class Curve25519Tests
{
    [Test]
    public void Ed25519Rfc8032Test1And2()
    {
        // RFC 8032 §7.1 TEST 1 (empty message) and TEST 2 (one byte 0x72).
        byte[] sk1 = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pk = new byte[32];
        Assert.That(Ed25519.DerivePublicKey(sk1, pk), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Convert.ToHexString(pk).ToLowerInvariant(), Is.EqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        byte[] sig = new byte[64];
        Assert.That(Ed25519.Sign(sk1, Array.Empty<byte>(), sig), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Convert.ToHexString(sig).ToLowerInvariant(), Is.EqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
        byte[] sk2 = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        Assert.That(Ed25519.Sign(sk2, new byte[] { 0x72 }, sig), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Convert.ToHexString(sig).ToLowerInvariant(), Is.EqualTo(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"));
        Assert.That(Ed25519.Verify(pk, Array.Empty<byte>(), sig), Is.False);
    }

    [Test]
    public void Ed25519ExpandedKeySignsExactlyAsTheSeed()
    {
        var rng = new Random(25519);
        byte[] seed = new byte[32];
        for (int i = 0; i < 200; i++)
        {
            rng.NextBytes(seed);
            byte[] message = new byte[rng.Next(0, 300)];
            rng.NextBytes(message);
            Assert.That(Ed25519PrivateKey.TryCreate(seed, out Ed25519PrivateKey? key), Is.EqualTo(CryptoStatus.Success));
            byte[] pub = new byte[32];
            Assert.That(Ed25519.DerivePublicKey(seed, pub), Is.EqualTo(CryptoStatus.Success));
            Assert.That(key!.PublicKey.ToArray(), Is.EqualTo(pub));

            byte[] fromSeed = new byte[64];
            byte[] fromKey = new byte[64];
            Assert.That(Ed25519.Sign(seed, message, fromSeed), Is.EqualTo(CryptoStatus.Success));
            Assert.That(Ed25519.Sign(key, message, fromKey), Is.EqualTo(CryptoStatus.Success));
            Assert.That(fromKey, Is.EqualTo(fromSeed), "deterministic signatures agree");
            Assert.That(Ed25519.Verify(pub, message, fromKey), Is.True);
        }

        Assert.That(Ed25519PrivateKey.TryCreate(new byte[31], out Ed25519PrivateKey? none), Is.EqualTo(CryptoStatus.InvalidLength));
        Assert.That(none, Is.Null);
        Assert.That(Ed25519PrivateKey.TryCreate(seed, out Ed25519PrivateKey? wiped), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Ed25519.Sign(wiped!, new byte[1], new byte[63]), Is.EqualTo(CryptoStatus.InvalidLength));
        wiped!.Clear();
        byte[] sig = new byte[64];
        Assert.That(Ed25519.Sign(wiped, new byte[1], sig), Is.EqualTo(CryptoStatus.Success));
        Assert.That(Ed25519.Verify(wiped.PublicKey, new byte[1], sig), Is.False, "a wiped key no longer signs for its public key");
    }

    [Test]
    public void Ed25519RejectsMalformedInputs()
    {
        byte[] sk = new byte[32];
        byte[] pk = new byte[32];
        byte[] sig = new byte[64];
        Ed25519.DerivePublicKey(sk, pk);
        Ed25519.Sign(sk, new byte[] { 1 }, sig);
        Assert.That(Ed25519.Verify(pk, new byte[] { 1 }, sig), Is.True);
        Assert.That(Ed25519.Verify(pk, new byte[] { 1 }, sig.AsSpan(0, 63)), Is.False);
        Assert.That(Ed25519.Verify(pk.AsSpan(0, 31), new byte[] { 1 }, sig), Is.False);
        Assert.That(Ed25519.Sign(sk.AsSpan(1), new byte[] { 1 }, sig), Is.EqualTo(CryptoStatus.InvalidLength));
        // S + L is the same point equation but must be rejected (malleability, §5.1.7).
        var l = System.Numerics.BigInteger.Parse("7237005577332262213973186563042994240857116359379907606001950938285454250989");
        var s = new System.Numerics.BigInteger(sig.AsSpan(32), isUnsigned: true, isBigEndian: false) + l;
        byte[] sPlusL = s.ToByteArray(isUnsigned: true, isBigEndian: false);
        byte[] mall = (byte[])sig.Clone();
        Array.Clear(mall, 32, 32);
        Array.Copy(sPlusL, 0, mall, 32, Math.Min(32, sPlusL.Length));
        Assert.That(Ed25519.Verify(pk, new byte[] { 1 }, mall), Is.False);
        // A public key whose y is not canonical (y = p) does not decode.
        byte[] badPk = Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        Assert.That(Ed25519.Verify(badPk, new byte[] { 1 }, sig), Is.False);
    }

    [Test]
    public void Ed25519DifferentialWithBouncyCastle()
    {
        var rng = new SeededRandom(25519);
        byte[] sig = new byte[64];
        byte[] pk = new byte[32];
        for (int i = 0; i < 1000; i++)
        {
            byte[] sk = rng.Bytes(32);
            byte[] msg = rng.Bytes(rng.Inner.Next(0, 100));
            var bcPriv = new Ed25519PrivateKeyParameters(sk, 0);
            byte[] bcPk = bcPriv.GeneratePublicKey().GetEncoded();
            Assert.That(Ed25519.DerivePublicKey(sk, pk), Is.EqualTo(CryptoStatus.Success));
            Assert.That(pk, Is.EqualTo(bcPk));

            Assert.That(Ed25519.Sign(sk, msg, sig), Is.EqualTo(CryptoStatus.Success));
            var verifier = new Ed25519Signer();
            verifier.Init(false, bcPriv.GeneratePublicKey());
            verifier.BlockUpdate(msg, 0, msg.Length);
            Assert.That(verifier.VerifySignature(sig), Is.True, "BouncyCastle rejected our signature");

            var signer = new Ed25519Signer();
            signer.Init(true, bcPriv);
            signer.BlockUpdate(msg, 0, msg.Length);
            byte[] theirs = signer.GenerateSignature();
            Assert.That(theirs, Is.EqualTo(sig), "Ed25519 is deterministic");
            Assert.That(Ed25519.Verify(pk, msg, theirs), Is.True);
            theirs[rng.Inner.Next(64)] ^= (byte)(1 << rng.Inner.Next(8));
            Assert.That(Ed25519.Verify(pk, msg, theirs), Is.False);
        }
    }

    [Test]
    public void X25519Rfc7748KnownAnswers()
    {
        // RFC 7748 §6.1.
        byte[] alicePriv = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPriv = Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] alicePub = new byte[32];
        byte[] bobPub = new byte[32];
        X25519.PublicKey(alicePriv, alicePub);
        X25519.PublicKey(bobPriv, bobPub);
        Assert.That(Convert.ToHexString(alicePub).ToLowerInvariant(), Is.EqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        Assert.That(Convert.ToHexString(bobPub).ToLowerInvariant(), Is.EqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
        byte[] s1 = new byte[32];
        byte[] s2 = new byte[32];
        X25519.ScalarMult(alicePriv, bobPub, s1);
        X25519.ScalarMult(bobPriv, alicePub, s2);
        Assert.That(Convert.ToHexString(s1).ToLowerInvariant(), Is.EqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
        Assert.That(s2, Is.EqualTo(s1));
        Assert.That(X25519.ScalarMult(alicePriv.AsSpan(1), bobPub, s1), Is.EqualTo(CryptoStatus.InvalidLength));
        Assert.That(X25519.ScalarMult(alicePriv, new byte[32], s1), Is.EqualTo(CryptoStatus.InvalidParameter));
    }

    [Test]
    public void X25519DifferentialWithBouncyCastle()
    {
        var rng = new SeededRandom(7748);
        byte[] ours = new byte[32];
        byte[] pub = new byte[32];
        for (int i = 0; i < 1000; i++)
        {
            byte[] a = rng.Bytes(32);
            byte[] b = rng.Bytes(32);
            var bcA = new X25519PrivateKeyParameters(a, 0);
            var bcB = new X25519PrivateKeyParameters(b, 0);
            Assert.That(X25519.PublicKey(a, pub), Is.EqualTo(CryptoStatus.Success));
            Assert.That(pub, Is.EqualTo(bcA.GeneratePublicKey().GetEncoded()));
            var agreement = new X25519Agreement();
            agreement.Init(bcB);
            byte[] theirs = new byte[32];
            agreement.CalculateAgreement(new X25519PublicKeyParameters(pub, 0), theirs, 0);
            Assert.That(X25519.ScalarMult(a, bcB.GeneratePublicKey().GetEncoded(), ours), Is.EqualTo(CryptoStatus.Success));
            Assert.That(ours, Is.EqualTo(theirs));
        }
    }
}
