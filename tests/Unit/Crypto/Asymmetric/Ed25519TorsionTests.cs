using System;
using System.Linq;
using System.Numerics;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Curve25519;
using NUnit.Framework;
using M = Lvbs.Tests.Unit.Crypto.Asymmetric.Ed25519ReferenceModel;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// Ed25519.Verify held to <see cref="Ed25519ReferenceModel"/>: RFC 8032 §5.1.7 strict and
/// cofactorless, in particular for public keys A and commitments R with a small-order (8-torsion)
/// component, where the cofactorless and cofactored equations disagree. Signatures with torsion
/// are built from known secrets: with A = [a]B + T_A, R = [r]B + T_R and S = r + k·a, the equation
/// [S]B == R + [k]A holds exactly iff T_R == -[k]T_A. Fixed seeds, so failures reproduce.
/// </summary>
public class Ed25519TorsionTests
{
    /// <summary>A signature built by the tests, with the torsion indices it used.</summary>
    private sealed record Built(byte[] PublicKey, byte[] Message, byte[] Signature, int TorsionA, int TorsionR);

    private static BigInteger RandomScalar(SeededRandom rng) => M.ScalarFromBytes(rng.Bytes(64)) % M.L;

    /// <summary>The torsion index of -[k]Torsion[t] (Torsion[i] = [i]T8).</summary>
    private static int NegMulIndex(BigInteger k, int t) => (int)((8 - (t * (k % 8) % 8)) % 8);

    /// <summary>
    /// A = [a]B + Torsion[ta]; R = [r]B + Torsion[tr] with S = r + k·a, over fresh random messages
    /// until the torsion condition T_R == -[k]T_A is met (valid) or missed (invalid).
    /// <paramref name="trWanted"/> ≥ 0 fixes T_R for invalid signatures; -1 takes any.
    /// </summary>
    private static Built BuildMixed(SeededRandom rng, int ta, bool valid, int trWanted = -1)
    {
        BigInteger a = RandomScalar(rng);
        byte[] pub = M.Encode(M.Add(M.Mul(a, M.B), M.Torsion[ta]));
        BigInteger r = RandomScalar(rng);
        M.Point rb = M.Mul(r, M.B);
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            byte[] msg = rng.Bytes(rng.Inner.Next(0, 64));
            for (int tr = 0; tr < 8; tr++)
            {
                if (trWanted >= 0 && tr != trWanted)
                {
                    continue;
                }

                byte[] rEnc = M.Encode(M.Add(rb, M.Torsion[tr]));
                BigInteger k = M.Challenge(rEnc, pub, msg);
                if ((NegMulIndex(k, ta) == tr) == valid)
                {
                    return new Built(pub, msg, M.Signature(rEnc, (r + (k * a)) % M.L), ta, tr);
                }
            }
        }

        throw new InvalidOperationException("no message met the torsion condition");
    }

    private static bool Kernel(byte[] pub, byte[] msg, byte[] sig) => Ed25519.Verify(pub, msg, sig);

    [Test]
    public void ModelVerifiesRfc8032VectorsAndKernelSignatures()
    {
        // RFC 8032 §7.1 TEST 1..3: secret key, public key, message, signature.
        string[][] vectors =
        {
            new[]
            {
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            },
            new[]
            {
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            },
            new[]
            {
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
            },
        };
        foreach (string[] v in vectors)
        {
            byte[] seed = Convert.FromHexString(v[0]);
            byte[] pub = Convert.FromHexString(v[1]);
            byte[] msg = Convert.FromHexString(v[2]);
            byte[] sig = Convert.FromHexString(v[3]);
            Assert.That(M.PublicKeyFromSeed(seed), Is.EqualTo(pub), v[1]);
            Assert.That(M.VerifyCofactorless(pub, msg, sig), Is.True, v[3]);
            Assert.That(M.VerifyCofactored(pub, msg, sig), Is.True, v[3]);
            Assert.That(Kernel(pub, msg, sig), Is.True, v[3]);
            byte[] other = msg.Append((byte)0).ToArray();
            Assert.That(M.VerifyCofactorless(pub, other, sig), Is.False, "a longer message");
        }

        var rng = new SeededRandom(8032);
        for (int i = 0; i < 4; i++)
        {
            byte[] seed = rng.Bytes(32);
            byte[] msg = rng.Bytes(rng.Inner.Next(0, 100));
            byte[] pub = new byte[32];
            byte[] sig = new byte[64];
            Assert.That(Ed25519.DerivePublicKey(seed, pub), Is.EqualTo(CryptoStatus.Success));
            Assert.That(Ed25519.Sign(seed, msg, sig), Is.EqualTo(CryptoStatus.Success));
            Assert.That(M.PublicKeyFromSeed(seed), Is.EqualTo(pub));
            Assert.That(M.VerifyCofactorless(pub, msg, sig), Is.True);
            sig[40] ^= 1;
            Assert.That(M.VerifyCofactorless(pub, msg, sig), Is.False, "S changed");
        }
    }

    [Test]
    public void ModelGroupStructure()
    {
        Assert.That(Convert.ToHexString(M.Encode(M.B)), Is.EqualTo("58" + string.Concat(Enumerable.Repeat("66", 31))));
        Assert.That(M.IsOnCurve(M.B), Is.True);
        Assert.That(M.Inverse(M.B.X), Is.EqualTo(BigInteger.ModPow(M.B.X, M.P - 2, M.P)), "Euclid agrees with Fermat");
        Assert.That(M.Mul(M.L, M.B), Is.EqualTo(M.Identity), "B has order L");
        Assert.That(M.SmallOrder(M.B), Is.EqualTo(0));

        int[] orders = M.Torsion.Select(M.SmallOrder).ToArray();
        Assert.That(orders.OrderBy(o => o), Is.EqualTo(new[] { 1, 2, 4, 4, 8, 8, 8, 8 }));
        Assert.That(M.Torsion.Distinct().Count(), Is.EqualTo(8));
        foreach (M.Point t in M.Torsion)
        {
            Assert.That(M.IsOnCurve(t), Is.True);
            Assert.That(M.Mul(M.L, t) == M.Identity, Is.EqualTo(t == M.Identity), "L is odd: [L]T = 0 only for T = 0");
            Assert.That(M.TryDecode(M.Encode(t), strict: true, out M.Point back), Is.True);
            Assert.That(back, Is.EqualTo(t));
        }

        // The known small-order points: (0, -1) of order 2 and (±sqrt(-1), 0) of order 4.
        Assert.That(M.Torsion[4], Is.EqualTo(new M.Point(0, M.P - 1)));
        Assert.That(M.Torsion[2].Y, Is.EqualTo(BigInteger.Zero));
        Assert.That(M.Mod(M.Torsion[2].X * M.Torsion[2].X), Is.EqualTo(M.P - 1));
        Assert.That(M.Mul(3, M.Torsion[1]), Is.EqualTo(M.Torsion[3]));
        Assert.That(M.Add(M.Torsion[3], M.Torsion[5]), Is.EqualTo(M.Identity));
    }

    [Test]
    public void MixedOrderSignaturesValidCofactorlessAreAccepted()
    {
        var rng = new SeededRandom(0x70A5);
        int torsionR = 0;
        for (int i = 0; i < 48; i++)
        {
            Built b = BuildMixed(rng, ta: i % 8, valid: true);
            string what = Describe(b);
            Assert.That(M.VerifyCofactorless(b.PublicKey, b.Message, b.Signature), Is.True, what);
            Assert.That(M.VerifyCofactored(b.PublicKey, b.Message, b.Signature), Is.True, what);
            Assert.That(Kernel(b.PublicKey, b.Message, b.Signature), Is.True, what);
            torsionR |= 1 << b.TorsionR;
        }

        Assert.That(torsionR, Is.EqualTo(0xFF), "every torsion point occurred in R");
    }

    /// <summary>The two vectors of the image's crypto.ed25519-mixed-order-cofactorless self-test.</summary>
    [Test]
    public void ImageSelfTestVectorsAreWhatTheySay()
    {
        byte[] pub = Convert.FromHexString("1e53a3cdda193ad7220c0b25dfd84f9bb35d0957ee87763da5221dc3da1566fb");
        byte[] msg = Convert.FromHexString("6c766273206d697865642d6f72646572");
        byte[] valid = Convert.FromHexString("5e2240f15381b3a93494cc8b18fde787848c2cb36a25fb708d6709afb33a3c1002bf8eae19016bab51a863a8d17376c1e0eeb777e1ccfab3f9d5e51cb39be605");
        byte[] cofactoredOnly = Convert.FromHexString("79952884ca9a7572e9eedd2eac29f5120f44dfcde4a335a34d616c333a67c0285731dad1685b7b4835432a5d28ca72833b587357698f4d8b8f07052a6fcc4703");
        Assert.That(M.TryDecode(pub, strict: true, out M.Point a), Is.True);
        Assert.That(M.SmallOrder(M.Mul(M.L, a)), Is.EqualTo(8), "A has an order-8 component");
        Assert.That((M.VerifyCofactorless(pub, msg, valid), M.VerifyCofactored(pub, msg, valid), Kernel(pub, msg, valid)), Is.EqualTo((true, true, true)));
        Assert.That((M.VerifyCofactorless(pub, msg, cofactoredOnly), M.VerifyCofactored(pub, msg, cofactoredOnly), Kernel(pub, msg, cofactoredOnly)), Is.EqualTo((false, true, false)));
    }

    [Test]
    public void MixedOrderSignaturesValidOnlyCofactoredAreRejected()
    {
        var rng = new SeededRandom(0x70A6);
        for (int i = 0; i < 48; i++)
        {
            // T_A over all 8, T_R = T_A + 1..6 (never T_R = T_A = 0, which is always valid).
            Built b = BuildMixed(rng, ta: i % 8, valid: false, trWanted: (i + 1 + (i / 8)) % 8);
            string what = Describe(b);
            Assert.That(M.VerifyCofactorless(b.PublicKey, b.Message, b.Signature), Is.False, what);
            Assert.That(M.VerifyCofactored(b.PublicKey, b.Message, b.Signature), Is.True, what);
            Assert.That(Kernel(b.PublicKey, b.Message, b.Signature), Is.False, what);
        }
    }

    [Test]
    public void SmallOrderPublicKeysAgreeWithModel()
    {
        var rng = new SeededRandom(0x5A11);
        int accepted = 0;
        int rejected = 0;
        for (int ta = 0; ta < 8; ta++)
        {
            byte[] pub = M.Encode(M.Torsion[ta]);
            for (int c = 0; c < 5; c++)
            {
                // c = 0: R = [r]B + T_R, S = r, T_R chosen valid; c = 1: the same with r = 0, so R is
                // itself small order and S = 0; c = 2: T_R chosen wrong; c = 3: random S;
                // c = 4: S = 0 with R = identity.
                BigInteger r = c == 1 || c == 4 ? BigInteger.Zero : RandomScalar(rng);
                M.Point rb = M.Mul(r, M.B);
                byte[] msg = rng.Bytes(rng.Inner.Next(1, 40));
                int tr = rng.Inner.Next(8);
                if (c < 3)
                {
                    for (int tries = 0; ; tries++)
                    {
                        Assert.That(tries, Is.LessThan(1000));
                        BigInteger k0 = M.Challenge(M.Encode(M.Add(rb, M.Torsion[tr])), pub, msg);
                        if ((NegMulIndex(k0, ta) == tr) == (c != 2))
                        {
                            break;
                        }

                        tr = (tr + 1) % 8;
                        if (tr == 0)
                        {
                            msg = rng.Bytes(rng.Inner.Next(1, 40));
                        }
                    }
                }

                if (c == 4)
                {
                    tr = 0;
                }

                byte[] rEnc = M.Encode(M.Add(rb, M.Torsion[tr]));
                BigInteger k = M.Challenge(rEnc, pub, msg);
                BigInteger s = c == 3 ? RandomScalar(rng) : r;
                byte[] sig = M.Signature(rEnc, s);
                bool model = M.VerifyCofactorless(pub, msg, sig);
                bool expected = c < 2 || (c == 4 && NegMulIndex(k, ta) == 0);
                Assert.That(model, Is.EqualTo(expected), "model, case " + c + " T_A " + ta + " T_R " + tr);
                Assert.That(Kernel(pub, msg, sig), Is.EqualTo(model), "kernel: A " + Hex(pub) + " M " + Hex(msg) + " sig " + Hex(sig));
                if (model)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }
        }

        Assert.That(accepted, Is.GreaterThanOrEqualTo(16));
        Assert.That(rejected, Is.GreaterThanOrEqualTo(16));
    }

    [Test]
    public void RandomizedAgreementWithModel()
    {
        var rng = new SeededRandom(0xED25);
        const int Cases = 320;
        int accepted = 0;
        int[] seenMutation = new int[9];
        for (int i = 0; i < Cases; i++)
        {
            byte[] pub;
            byte[] msg;
            byte[] sig;
            if (rng.Inner.Next(2) == 0)
            {
                byte[] seed = rng.Bytes(32);
                msg = rng.Bytes(rng.Inner.Next(1, 300)); // past one SHA-512 block
                pub = new byte[32];
                sig = new byte[64];
                Ed25519.DerivePublicKey(seed, pub);
                Ed25519.Sign(seed, msg, sig);
            }
            else
            {
                Built b = BuildMixed(rng, rng.Inner.Next(8), valid: rng.Inner.Next(4) != 0);
                (pub, msg, sig) = (b.PublicKey, b.Message, b.Signature);
            }

            // A third unchanged, so that both outcomes occur often.
            int pick = rng.Inner.Next(12);
            int mutation = pick < 4 ? 0 : pick - 3;
            seenMutation[mutation]++;
            BigInteger s = M.ScalarFromBytes(sig.AsSpan(32));
            switch (mutation)
            {
                case 0: // unchanged
                    break;
                case 1: // S + 1 (still < 2^256)
                    sig = M.Signature(sig.AsSpan(0, 32), s + 1);
                    break;
                case 2: // S + L: the same residue, must fail the S < L check
                    sig = M.Signature(sig.AsSpan(0, 32), s + M.L);
                    break;
                case 3:
                    FlipBit(rng, sig.AsSpan(0, 32));
                    break;
                case 4:
                    FlipBit(rng, pub);
                    break;
                case 5:
                    if (msg.Length == 0)
                    {
                        msg = new byte[] { 0 };
                    }
                    else
                    {
                        FlipBit(rng, msg);
                    }

                    break;
                case 6: // R replaced by a random point encoding
                    RandomPointEncoding(rng).CopyTo(sig, 0);
                    break;
                case 7: // A gets a torsion component added
                    pub = AddTorsion(rng, pub);
                    break;
                case 8: // R gets a torsion component added
                    AddTorsion(rng, sig.AsSpan(0, 32).ToArray()).CopyTo(sig, 0);
                    break;
            }

            bool model = M.VerifyCofactorless(pub, msg, sig);
            bool kernel = Kernel(pub, msg, sig);
            Assert.That(kernel, Is.EqualTo(model), "case " + i + " mutation " + mutation + ": A " + Hex(pub) + " M " + Hex(msg) + " sig " + Hex(sig));
            accepted += model ? 1 : 0;
        }

        Assert.That(accepted, Is.GreaterThanOrEqualTo(50), "enough accepted cases");
        Assert.That(Cases - accepted, Is.GreaterThanOrEqualTo(50), "enough rejected cases");
        Assert.That(seenMutation.Min(), Is.GreaterThanOrEqualTo(15), "every mutation occurred");
    }

    [Test]
    public void NonCanonicalEncodingsAreRejected()
    {
        var rng = new SeededRandom(0xC0DE);
        int wouldPassLeniently = 0;
        var encodings = new System.Collections.Generic.List<byte[]>();
        for (int extra = 0; extra <= 18; extra++)
        {
            // y = p .. 2^255 - 1 are the 19 non-canonical values of 255 bits.
            encodings.Add(M.EncodeRaw(M.P + extra, 0));
            encodings.Add(M.EncodeRaw(M.P + extra, 1));
        }

        // x = 0 with the sign bit set: the identity (y = 1) and the point of order 2 (y = p - 1).
        encodings.Add(M.EncodeRaw(1, 1));
        encodings.Add(M.EncodeRaw(M.P - 1, 1));

        foreach (byte[] e in encodings)
        {
            Assert.That(M.TryDecode(e, strict: true, out _), Is.False, Hex(e));
            bool lenient = M.TryDecode(e, strict: false, out M.Point q);
            int t = lenient ? Array.IndexOf(M.Torsion, q) : -1;

            // As A: if the lenient point is small order, build a signature a lenient verifier accepts.
            byte[] msg = rng.Bytes(16);
            byte[] sig;
            if (t >= 0)
            {
                BigInteger r = RandomScalar(rng);
                M.Point rb = M.Mul(r, M.B);
                for (int tries = 0; ; tries++)
                {
                    Assert.That(tries, Is.LessThan(1000));
                    int tr = tries % 8;
                    byte[] rEnc = M.Encode(M.Add(rb, M.Torsion[tr]));
                    if (NegMulIndex(M.Challenge(rEnc, e, msg), t) == tr)
                    {
                        sig = M.Signature(rEnc, r);
                        break;
                    }

                    if (tr == 7)
                    {
                        msg = rng.Bytes(16);
                    }
                }

                Assert.That(M.VerifyLenientEncoding(e, msg, sig), Is.True, "lenient A " + Hex(e));
                wouldPassLeniently++;
            }
            else
            {
                sig = M.Signature(M.Encode(M.Mul(RandomScalar(rng), M.B)), RandomScalar(rng));
            }

            Assert.That(M.VerifyCofactorless(e, msg, sig), Is.False);
            Assert.That(Kernel(e, msg, sig), Is.False, "A " + Hex(e) + " M " + Hex(msg) + " sig " + Hex(sig));

            // As R: A = [a]B + T8, S = k·a; valid leniently iff T_R + [k]T8 = 0, i.e. T_R = -[k]T8.
            BigInteger a = RandomScalar(rng);
            byte[] pub = M.Encode(M.Add(M.Mul(a, M.B), M.Torsion[1]));
            BigInteger k = 0;
            for (int tries = 0; t >= 0; tries++)
            {
                Assert.That(tries, Is.LessThan(1000));
                msg = rng.Bytes(16);
                k = M.Challenge(e, pub, msg);
                if (NegMulIndex(k, 1) == t)
                {
                    break;
                }
            }

            sig = M.Signature(e, k * a % M.L);
            if (t >= 0)
            {
                Assert.That(M.VerifyLenientEncoding(pub, msg, sig), Is.True, "lenient R " + Hex(e));
                wouldPassLeniently++;
            }

            Assert.That(M.VerifyCofactorless(pub, msg, sig), Is.False);
            Assert.That(Kernel(pub, msg, sig), Is.False, "R " + Hex(e) + " A " + Hex(pub) + " M " + Hex(msg) + " sig " + Hex(sig));
        }

        // y ≡ 0 (both signs), y ≡ 1 (both signs, leniently), y = 1 and y = p - 1 with sign 1: as A and as R.
        Assert.That(wouldPassLeniently, Is.EqualTo(12));
    }

    [Test]
    public void ScalarsAtOrAboveTheOrderAreRejected()
    {
        // S + j·L is the same residue, so only the S < L rule (§5.1.7 step 1) rejects it; both
        // honest and mixed-order signatures, every j that still fits in 256 bits.
        var rng = new SeededRandom(0x5CA1);
        BigInteger limit = BigInteger.Pow(2, 256);
        for (int i = 0; i < 8; i++)
        {
            Built b = BuildMixed(rng, ta: i, valid: true);
            BigInteger s = M.ScalarFromBytes(b.Signature.AsSpan(32));
            Assert.That(Kernel(b.PublicKey, b.Message, b.Signature), Is.True);
            int multiples = 0;
            for (BigInteger big = s + M.L; big < limit; big += M.L)
            {
                byte[] sig = M.Signature(b.Signature.AsSpan(0, 32), big);
                Assert.That(M.VerifyCofactorless(b.PublicKey, b.Message, sig), Is.False);
                Assert.That(Kernel(b.PublicKey, b.Message, sig), Is.False, "S " + big + ": " + Describe(b with { Signature = sig }));
                multiples++;
            }

            Assert.That(multiples, Is.GreaterThanOrEqualTo(14), "2^256 / L ≈ 16");
        }
    }

    private static void FlipBit(SeededRandom rng, Span<byte> b)
    {
        int bit = rng.Inner.Next(b.Length * 8);
        b[bit / 8] ^= (byte)(1 << (bit % 8));
    }

    private static byte[] RandomPointEncoding(SeededRandom rng)
    {
        while (true)
        {
            byte[] e = rng.Bytes(32);
            if (M.TryDecode(e, strict: true, out _))
            {
                return e;
            }
        }
    }

    /// <summary>The encoding plus a random non-zero torsion point, or unchanged if it does not decode.</summary>
    private static byte[] AddTorsion(SeededRandom rng, byte[] encoded)
    {
        if (!M.TryDecode(encoded, strict: true, out M.Point q))
        {
            return encoded;
        }

        return M.Encode(M.Add(q, M.Torsion[rng.Inner.Next(1, 8)]));
    }

    private static string Describe(Built b) =>
        "T_A " + b.TorsionA + " T_R " + b.TorsionR + ": A " + Hex(b.PublicKey) + " M " + Hex(b.Message) + " sig " + Hex(b.Signature);

    private static string Hex(byte[] b) => Convert.ToHexString(b);
}
