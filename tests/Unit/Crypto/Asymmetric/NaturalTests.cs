using System;
using Lvbs.Kernel.Crypto.BigInteger;
using NUnit.Framework;
using SysBig = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>Differential tests of the limb arithmetic against System.Numerics.BigInteger.</summary>
public class NaturalTests
{
    [Test]
    public void AddSubMulMatchReference([Values(1, 3, 8, 17)] int limbs)
    {
        var rng = new Random(limbs);
        for (int i = 0; i < 200; i++)
        {
            SysBig a = Limbs.RandomBits(rng, (limbs * 64) - rng.Next(0, 60));
            SysBig b = Limbs.RandomBits(rng, (limbs * 64) - rng.Next(0, 60));
            ulong[] al = Limbs.From(a, limbs);
            ulong[] bl = Limbs.From(b, limbs);
            ulong[] sum = new ulong[limbs + 1];
            sum[limbs] = Natural.Add(sum.AsSpan(0, limbs), al, bl);
            Assert.That(Limbs.ToBig(sum), Is.EqualTo(a + b));
            ulong[] diff = new ulong[limbs];
            ulong borrow = Natural.Sub(diff, al, bl);
            SysBig expected = a >= b ? a - b : a - b + (SysBig.One << (64 * limbs));
            Assert.That(Limbs.ToBig(diff), Is.EqualTo(expected));
            Assert.That(borrow, Is.EqualTo(a < b ? 1UL : 0UL));
            ulong[] prod = new ulong[2 * limbs];
            Natural.Mul(prod, al, bl);
            Assert.That(Limbs.ToBig(prod), Is.EqualTo(a * b));
            Assert.That(Natural.Compare(al, bl), Is.EqualTo(a.CompareTo(b)));
            Assert.That(Natural.CompareConstantTime(al, bl), Is.EqualTo(a.CompareTo(b)));
        }
    }

    [Test]
    public void DivRemMatchesReference([Values(1, 2, 5, 16, 33)] int divisorLimbs)
    {
        var rng = new Random(100 + divisorLimbs);
        for (int i = 0; i < 200; i++)
        {
            int uLimbs = divisorLimbs + rng.Next(0, 20);
            SysBig u = Limbs.RandomBits(rng, (uLimbs * 64) - rng.Next(0, 63));
            SysBig v = Limbs.RandomBits(rng, (divisorLimbs * 64) - rng.Next(0, 63));
            if (i % 7 == 0)
            {
                // Divisors with an all-ones top limb exercise the qhat = b - 1 path.
                v = (SysBig.One << (divisorLimbs * 64)) - 1 - new SysBig(rng.Next());
            }

            ulong[] q = new ulong[uLimbs];
            ulong[] r = new ulong[divisorLimbs];
            Assert.That(Division.TryDivRem(Limbs.From(u, uLimbs), Limbs.From(v, divisorLimbs), q, r), Is.True);
            Assert.That(Limbs.ToBig(q), Is.EqualTo(SysBig.Divide(u, v)), "quotient");
            Assert.That(Limbs.ToBig(r), Is.EqualTo(SysBig.Remainder(u, v)), "remainder");
        }
    }

    [Test]
    public void DivRemRejectsZeroDivisorAndShortBuffers()
    {
        ulong[] u = { 5, 6 };
        Assert.That(Division.TryDivRem(u, new ulong[2], new ulong[2], new ulong[2]), Is.False);
        Assert.That(Division.TryDivRem(u, new ulong[] { 1, 1 }, new ulong[2], new ulong[1]), Is.False);
    }

    [Test]
    public void MontgomeryMulPowAndReduceMatchReference([Values(1, 4, 6, 16, 32)] int limbs)
    {
        var rng = new Random(200 + limbs);
        for (int i = 0; i < 20; i++)
        {
            SysBig m = Limbs.RandomBits(rng, (limbs * 64) - rng.Next(0, 10)) | 1;
            MontgomeryContext ctx = MontgomeryContext.TryCreate(Limbs.From(m, limbs))!;
            Assert.That(ctx, Is.Not.Null);
            SysBig a = Limbs.RandomBits(rng, limbs * 64) % m;
            SysBig b = Limbs.RandomBits(rng, limbs * 64) % m;
            SysBig e = Limbs.RandomBits(rng, 1 + rng.Next(limbs * 64));
            ulong[] r = new ulong[limbs];
            ulong[] am = new ulong[limbs];
            ulong[] bm = new ulong[limbs];
            ctx.ToMontgomery(am, Limbs.From(a, limbs));
            ctx.ToMontgomery(bm, Limbs.From(b, limbs));
            ctx.Mul(r, am, bm);
            ctx.FromMontgomery(r, r);
            Assert.That(Limbs.ToBig(r), Is.EqualTo(a * b % m), "mul");
            ulong[] el = Limbs.From(e, limbs);
            ctx.ModPowPublic(r, Limbs.From(a, limbs), el);
            Assert.That(Limbs.ToBig(r), Is.EqualTo(SysBig.ModPow(a, e, m)), "pow public");
            ctx.ModPowSecret(r, Limbs.From(a, limbs), el);
            Assert.That(Limbs.ToBig(r), Is.EqualTo(SysBig.ModPow(a, e, m)), "pow secret");
            SysBig x = Limbs.RandomBits(rng, 2 * limbs * 64);
            ctx.Reduce(r, Limbs.From(x, 2 * limbs));
            Assert.That(Limbs.ToBig(r), Is.EqualTo(x % m), "reduce");
            ctx.SubMod(r, Limbs.From(a, limbs), Limbs.From(b, limbs));
            Assert.That(Limbs.ToBig(r), Is.EqualTo(((a - b) % m + m) % m), "sub");
            ctx.AddMod(r, Limbs.From(a, limbs), Limbs.From(b, limbs));
            Assert.That(Limbs.ToBig(r), Is.EqualTo((a + b) % m), "add");
        }
    }

    [Test]
    public void MontgomeryRejectsEvenAndTrivialModuli()
    {
        Assert.That(MontgomeryContext.TryCreate(new ulong[] { 10, 3 }), Is.Null);
        Assert.That(MontgomeryContext.TryCreate(new ulong[] { 1, 0 }), Is.Null);
        Assert.That(MontgomeryContext.TryCreate(new ulong[] { 0, 0 }), Is.Null);
    }

    [Test]
    public void InverseAndGcdMatchReference([Values(1, 4, 16)] int limbs)
    {
        var rng = new Random(300 + limbs);
        for (int i = 0; i < 100; i++)
        {
            SysBig m = Limbs.RandomBits(rng, limbs * 64) | 1;
            SysBig a = Limbs.RandomBits(rng, limbs * 64) % m;
            ulong[] r = new ulong[limbs];
            bool ok = ModularInverse.TryInvertOdd(r, Limbs.From(a, limbs), Limbs.From(m, limbs));
            SysBig g = SysBig.GreatestCommonDivisor(a, m);
            Assert.That(ok, Is.EqualTo(g.IsOne));
            if (ok)
            {
                Assert.That(Limbs.ToBig(r) * a % m, Is.EqualTo(SysBig.One));
            }

            SysBig b = Limbs.RandomBits(rng, limbs * 64) * (i % 5 + 1) * 6;
            ulong[] gl = new ulong[limbs + 1];
            GreatestCommonDivisor.Compute(gl, Limbs.From(a * 6, limbs + 1), Limbs.From(b, limbs + 1));
            Assert.That(Limbs.ToBig(gl), Is.EqualTo(SysBig.GreatestCommonDivisor(a * 6, b)));
        }
    }

    [Test]
    public void ByteConversionsRejectOverflowAndConsumeNothing()
    {
        ulong[] r = { 7, 7 };
        byte[] tooLong = new byte[17];
        tooLong[0] = 1;
        Assert.That(Natural.TryFromBigEndian(r, tooLong), Is.False);
        Assert.That(r, Is.EqualTo(new ulong[] { 7, 7 }));
        tooLong[0] = 0; // leading zeros are fine
        tooLong[16] = 9;
        Assert.That(Natural.TryFromBigEndian(r, tooLong), Is.True);
        Assert.That(r, Is.EqualTo(new ulong[] { 9, 0 }));
        byte[] output = new byte[8];
        Assert.That(Natural.TryToBigEndian(new ulong[] { 1, 1 }, output), Is.False);
        Assert.That(Natural.TryToBigEndian(new ulong[] { 0x0102030405060708, 0 }, output), Is.True);
        Assert.That(output, Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
    }
}
