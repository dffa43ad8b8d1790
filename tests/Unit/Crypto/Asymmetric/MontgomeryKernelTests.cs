using System;
using Lvbs.Kernel.Crypto.BigInteger;
using NUnit.Framework;
using SysBig = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// The Montgomery kernels (FIOS multiply, dedicated squaring + REDC, conversion out, the
/// public-exponent ladder) against System.Numerics.BigInteger, including the boundary operands
/// (0, 1, m-1, moduli with all-ones and minimal top words) where a lost carry would show.
/// </summary>
public class MontgomeryKernelTests
{
    private static SysBig R(int limbs) => SysBig.One << (64 * limbs);

    private static SysBig RInverse(int limbs, SysBig m)
    {
        // R^-1 mod m by the extended Euclidean algorithm (m odd, so gcd(R, m) = 1).
        SysBig a = R(limbs) % m, b = m, x0 = 1, x1 = 0;
        while (b != 0)
        {
            SysBig q = a / b;
            (a, b) = (b, a - (q * b));
            (x0, x1) = (x1, x0 - (q * x1));
        }

        return ((x0 % m) + m) % m;
    }

    private static SysBig[] Moduli(Random rng, int limbs)
    {
        SysBig r = R(limbs);
        return new[]
        {
            r - 1,                                  // all ones
            (r >> 1) + 1 | 1,                       // just over half of R
            Limbs.RandomBits(rng, (limbs * 64) - 3) | 1,
            (Limbs.RandomBits(rng, limbs * 64) | 1) | (r - (r >> 2)), // top two bits set
        };
    }

    [Test]
    public void MulSquareAndFromMontgomeryMatchReference([Values(1, 2, 3, 4, 5, 16, 17, 32, 64)] int limbs)
    {
        var rng = new Random(900 + limbs);
        foreach (SysBig m in Moduli(rng, limbs))
        {
            MontgomeryContext ctx = MontgomeryContext.TryCreate(Limbs.From(m, limbs))!;
            Assert.That(ctx, Is.Not.Null);
            SysBig rInv = RInverse(limbs, m);
            SysBig[] values = { 0, 1, m - 1, m - 2, Limbs.RandomBits(rng, limbs * 64) % m, Limbs.RandomBits(rng, 40) % m };
            foreach (SysBig a in values)
            {
                ulong[] al = Limbs.From(a, limbs);
                ulong[] r = new ulong[limbs];
                ctx.Square(r, al);
                Assert.That(Limbs.ToBig(r), Is.EqualTo(a * a * rInv % m), "square");
                ulong[] alias = (ulong[])al.Clone();
                ctx.Square(alias, alias);
                Assert.That(alias, Is.EqualTo(r), "square in place");
                ctx.FromMontgomery(r, al);
                Assert.That(Limbs.ToBig(r), Is.EqualTo(a * rInv % m), "from montgomery");
                foreach (SysBig b in values)
                {
                    ctx.Mul(r, al, Limbs.From(b, limbs));
                    Assert.That(Limbs.ToBig(r), Is.EqualTo(a * b * rInv % m), "mul");
                }
            }

            // a < R (not reduced) times b < m is allowed for Mul and for the conversion out.
            SysBig big = R(limbs) - 1;
            ulong[] res = new ulong[limbs];
            ctx.Mul(res, Limbs.From(big, limbs), Limbs.From(m - 1, limbs));
            Assert.That(Limbs.ToBig(res), Is.EqualTo(big * (m - 1) * rInv % m), "unreduced first factor");
            ctx.FromMontgomery(res, Limbs.From(big, limbs));
            Assert.That(Limbs.ToBig(res), Is.EqualTo(big * rInv % m), "unreduced from montgomery");
        }
    }

    [Test]
    public void ModPowPublicMatchesReferenceForTypicalAndEdgeExponents([Values(1, 4, 16, 32, 64)] int limbs)
    {
        var rng = new Random(1900 + limbs);
        foreach (SysBig m in Moduli(rng, limbs))
        {
            MontgomeryContext ctx = MontgomeryContext.TryCreate(Limbs.From(m, limbs))!;
            SysBig[] exponents = { 0, 1, 2, 3, 4, 65537, 65536, 0x10001 * 2 + 1, Limbs.RandomBits(rng, 70), Limbs.RandomBits(rng, 64) };
            SysBig[] bases = { 0, 1, m - 1, Limbs.RandomBits(rng, limbs * 64) % m };
            foreach (SysBig e in exponents)
            {
                ulong[] el = Limbs.From(e, 2);
                foreach (SysBig a in bases)
                {
                    ulong[] al = Limbs.From(a, limbs);
                    ulong[] r = new ulong[limbs];
                    ctx.ModPowPublic(r, al, el);
                    Assert.That(Limbs.ToBig(r), Is.EqualTo(SysBig.ModPow(a, e, m)), "e = " + e);
                    ctx.ModPowPublic(al, al, el);
                    Assert.That(al, Is.EqualTo(r), "in place, e = " + e);
                }
            }
        }
    }

    [Test]
    public void ModPowSecretMatchesReferenceWithStackAndHeapTables([Values(1, 16, 17, 32)] int limbs)
    {
        var rng = new Random(2900 + limbs);
        foreach (SysBig m in Moduli(rng, limbs))
        {
            MontgomeryContext ctx = MontgomeryContext.TryCreate(Limbs.From(m, limbs))!;
            SysBig a = Limbs.RandomBits(rng, limbs * 64) % m;
            foreach (SysBig e in new[] { SysBig.Zero, SysBig.One, m - 2, Limbs.RandomBits(rng, limbs * 64) })
            {
                ulong[] r = new ulong[limbs];
                ctx.ModPowSecret(r, Limbs.From(a, limbs), Limbs.From(e, limbs));
                Assert.That(Limbs.ToBig(r), Is.EqualTo(SysBig.ModPow(a, e, m)));
            }
        }
    }
}
