using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Curve25519;
using NUnit.Framework;
using BigInt = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// The half-length verification scalars against System.Numerics.BigInteger: for every k,
/// v0 is odd, |v0| &lt; 2^252 and v0·k ≡ v1 (mod 8L); for random k both are about 128 bits.
/// The width-w NAF used by the multi-scalar multiplication recomposes to its scalar.
/// </summary>
public class VerificationLatticeTests
{
    private static readonly BigInt L = BigInt.Pow(2, 252) + BigInt.Parse("27742317777372353535851937790883648493");
    private static readonly BigInt N = 8 * L;

    private static (BigInt V0, BigInt V1) Split(BigInt k)
    {
        ulong[] v0 = new ulong[4];
        ulong[] v1 = new ulong[4];
        bool negative = VerificationLattice.Split(Limbs.From(k, 4), v0, v1);
        BigInt a = Limbs.ToBig(v0);
        return (negative ? -a : a, Limbs.ToBig(v1));
    }

    private static void CheckContract(BigInt k, BigInt v0, BigInt v1)
    {
        Assert.That(BigInt.Abs(v0).IsEven, Is.False, $"v0 must be odd for k = {k}");
        Assert.That(BigInt.Abs(v0), Is.LessThan(BigInt.Pow(2, 252)), $"|v0| for k = {k}");
        Assert.That(v1.Sign, Is.GreaterThanOrEqualTo(0));
        BigInt diff = ((v0 * k) - v1) % N;
        Assert.That(diff.IsZero, Is.True, $"v0·k ≢ v1 (mod 8L) for k = {k}");
    }

    [Test]
    public void RandomChallengesGiveHalfLengthScalars()
    {
        var rng = new SeededRandom(25519);
        int longest = 0;
        int over131 = 0;
        const int Cases = 5000;
        for (int i = 0; i < Cases; i++)
        {
            BigInt k = new BigInt(rng.Bytes(32), isUnsigned: true, isBigEndian: false) % L;
            (BigInt v0, BigInt v1) = Split(k);
            CheckContract(k, v0, v1);
            int bits = (int)Math.Max(BigInt.Abs(v0).GetBitLength(), v1.GetBitLength());
            longest = Math.Max(longest, bits);
            over131 += bits > 131 ? 1 : 0;
        }

        // Lagrange's bound gives about 128 bits; a longer pair needs an unusually large partial
        // quotient at the stop together with an even cofactor (a model of the algorithm puts
        // about 1.3% above 130 bits and 0.3% above 131).
        Assert.That(over131, Is.LessThan(Cases / 100), $"longest {longest}");
        Assert.That(longest, Is.LessThan(160));
    }

    [Test]
    public void EdgeChallengesKeepTheContract()
    {
        BigInt[] ks =
        {
            BigInt.Zero, BigInt.One, 2, 8, L - 1, L - 2, (L - 1) / 2, BigInt.Pow(2, 128) - 1, BigInt.Pow(2, 128),
            BigInt.Pow(2, 128) + 1, BigInt.Pow(2, 200), BigInt.Pow(2, 252) - 1, BigInt.Pow(2, 252), N / 3 % L, N / 5 % L,
            (BigInt.Pow(2, 128) * 3) + 1, BigInt.Pow(2, 127) * 7,
        };
        foreach (BigInt k in ks)
        {
            (BigInt v0, BigInt v1) = Split(k);
            CheckContract(k, v0, v1);
        }

        // Small k needs no reduction: the pair is (1, k).
        (BigInt a, BigInt b) = Split(12345);
        Assert.That((a, b), Is.EqualTo((BigInt.One, (BigInt)12345)));
    }

    [Test]
    public void NonAdjacentFormRecomposes()
    {
        var rng = new SeededRandom(7);
        for (int i = 0; i < 2000; i++)
        {
            int limbs = (i & 1) == 0 ? 2 : 4;
            int width = i % 3 == 0 ? EdwardsMultiScalar.BaseWidth : EdwardsMultiScalar.PointWidth;
            BigInt k = new BigInt(rng.Bytes(limbs * 8), isUnsigned: true, isBigEndian: false);
            if (i < 4)
            {
                k = BigInt.Pow(2, 64 * limbs) - 1;   // the top carry lands one position above
            }

            ulong[] x = Limbs.From(k, 4);
            sbyte[] naf = new sbyte[(64 * limbs) + 1];
            Array.Fill(naf, (sbyte)0x55);   // Recode must write every position
            int top = NonAdjacentForm.Recode(x.AsSpan(0, limbs), width, naf);
            BigInt sum = BigInt.Zero;
            int lastNonZero = -width;
            for (int p = naf.Length - 1; p >= 0; p--)
            {
                sum = (sum << 1) + naf[p];
                if (naf[p] != 0)
                {
                    Assert.That(naf[p] % 2, Is.Not.EqualTo(0));
                    Assert.That(Math.Abs((int)naf[p]), Is.LessThan(1 << (width - 1)));
                }
            }

            for (int p = 0; p < naf.Length; p++)
            {
                if (naf[p] != 0)
                {
                    Assert.That(p - lastNonZero, Is.GreaterThanOrEqualTo(width), "w consecutive digits hold one non-zero");
                    lastNonZero = p;
                }
            }

            Assert.That(sum, Is.EqualTo(k));
            Assert.That(top, Is.EqualTo(k.IsZero ? -1 : lastNonZero));
        }
    }
}
