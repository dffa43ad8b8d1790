using System;
using Lvbs.Kernel.Crypto.Curve25519;
using NUnit.Framework;
using BigInt = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// Scalar arithmetic mod the Ed25519 order L against System.Numerics.BigInteger: random and
/// edge 512-bit reductions, and (a·b + c) mod L for random and extreme 256-bit operands.
/// </summary>
public class Scalar25519Tests
{
    private static readonly BigInt L = BigInt.Pow(2, 252) + BigInt.Parse("27742317777372353535851937790883648493");

    private static byte[] ToBytes(BigInt v, int length)
    {
        byte[] raw = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        Assert.That(raw.Length, Is.LessThanOrEqualTo(length));
        byte[] b = new byte[length];
        Array.Copy(raw, b, raw.Length);
        return b;
    }

    private static ulong[] ToLimbs(BigInt v)
    {
        byte[] b = ToBytes(v, 32);
        ulong[] l = new ulong[4];
        Scalar25519.FromBytes(b, l);
        return l;
    }

    private static BigInt FromLimbs(ReadOnlySpan<ulong> l)
    {
        byte[] b = new byte[32];
        Scalar25519.ToBytes(l, b);
        return new BigInt(b, isUnsigned: true, isBigEndian: false);
    }

    private static void CheckReduce(BigInt x)
    {
        ulong[] r = new ulong[4];
        Scalar25519.ReduceWide(ToBytes(x, 64), r);
        Assert.That(FromLimbs(r), Is.EqualTo(x % L), "x = " + x.ToString("X"));
    }

    private static void CheckMulAdd(BigInt a, BigInt b, BigInt c)
    {
        ulong[] r = new ulong[4];
        Scalar25519.MulAdd(r, ToLimbs(a), ToLimbs(b), ToLimbs(c));
        Assert.That(FromLimbs(r), Is.EqualTo(((a * b) + c) % L), "a = " + a.ToString("X") + ", b = " + b.ToString("X") + ", c = " + c.ToString("X"));
    }

    [Test]
    public void ReduceWideEdgeValues()
    {
        BigInt max512 = BigInt.Pow(2, 512) - 1;
        BigInt[] values =
        {
            BigInt.Zero, BigInt.One, L - 1, L, L + 1, (2 * L) - 1, 2 * L, 3 * L, (3 * L) - 1,
            BigInt.Pow(2, 252), BigInt.Pow(2, 253) - 1, BigInt.Pow(2, 256) - 1, BigInt.Pow(2, 256),
            L * L, (L * L) - 1, L * (BigInt.Pow(2, 259) - 1), max512, max512 - 1, max512 - L,
            (max512 / L) * L, ((max512 / L) * L) - 1, BigInt.Pow(2, 511), BigInt.Pow(2, 448) - 1,
        };
        foreach (BigInt v in values)
        {
            CheckReduce(v);
        }
    }

    [Test]
    public void ReduceWideRandomMatchesBigInteger()
    {
        var rng = new SeededRandom(25519);
        for (int i = 0; i < 5000; i++)
        {
            byte[] b = rng.Bytes(64);

            // Also exercise inputs just below a multiple of L and with sparse high words.
            BigInt x = new BigInt(b, isUnsigned: true, isBigEndian: false);
            CheckReduce(x);
            CheckReduce(x - (x % L));
            if (x % L != 0)
            {
                CheckReduce(x - (x % L) - 1);
            }

            CheckReduce(x >> (i % 512));
        }
    }

    [Test]
    public void MulAddEdgeValues()
    {
        BigInt max256 = BigInt.Pow(2, 256) - 1;
        BigInt[] values = { BigInt.Zero, BigInt.One, L - 1, L, L + 1, BigInt.Pow(2, 255) - 1, max256 };
        foreach (BigInt a in values)
        {
            foreach (BigInt b in values)
            {
                foreach (BigInt c in values)
                {
                    CheckMulAdd(a, b, c);
                }
            }
        }
    }

    [Test]
    public void MulAddRandomMatchesBigIntegerAndAliases()
    {
        var rng = new SeededRandom(8032);
        for (int i = 0; i < 3000; i++)
        {
            BigInt a = new BigInt(rng.Bytes(32), isUnsigned: true, isBigEndian: false);
            BigInt b = new BigInt(rng.Bytes(32), isUnsigned: true, isBigEndian: false);
            BigInt c = new BigInt(rng.Bytes(32), isUnsigned: true, isBigEndian: false);
            CheckMulAdd(a, b, c);
            CheckMulAdd(a % L, b >> 1, c % L);

            // The signing call shape: the result written over the first operand.
            ulong[] k = ToLimbs(a);
            Scalar25519.MulAdd(k, k, ToLimbs(b), ToLimbs(c));
            Assert.That(FromLimbs(k), Is.EqualTo(((a * b) + c) % L));
        }
    }

    [Test]
    public void NegateIsTheAdditiveInverseModL()
    {
        var rng = new SeededRandom(8033);
        var values = new System.Collections.Generic.List<BigInt> { BigInt.Zero, BigInt.One, L - 1, L >> 1, BigInt.Pow(2, 128) };
        for (int i = 0; i < 500; i++)
        {
            values.Add(new BigInt(rng.Bytes(32), isUnsigned: true, isBigEndian: false) % L);
        }

        foreach (BigInt a in values)
        {
            ulong[] r = ToLimbs(a);
            Scalar25519.Negate(r, r);
            Assert.That(FromLimbs(r), Is.EqualTo((L - a) % L), a.ToString());
        }
    }
}
