using System;
using Lvbs.Kernel.Crypto.BigInteger;
using NUnit.Framework;
using SysBig = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>The signed BigInt (GP TEE_BigInt core) against System.Numerics.BigInteger.</summary>
public class BigIntTests
{
    private static BigInt Of(SysBig v)
    {
        byte[] mag = SysBig.Abs(v).ToByteArray(isUnsigned: true, isBigEndian: true);
        return BigInt.FromOctetString(mag, v.Sign);
    }

    private static SysBig ToSys(BigInt v)
    {
        byte[] buf = new byte[(v.BitLength + 7) / 8];
        Assert.That(v.TryToOctetString(buf, out int written), Is.True);
        Assert.That(written, Is.EqualTo(buf.Length));
        SysBig m = new SysBig(buf, isUnsigned: true, isBigEndian: true);
        return v.IsNegative ? -m : m;
    }

    private static SysBig RandomSigned(Random rng)
    {
        int bits = rng.Next(0, 700);
        if (bits == 0)
        {
            return SysBig.Zero;
        }

        SysBig v = Limbs.RandomBits(rng, bits);
        return rng.Next(2) == 0 ? v : -v;
    }

    [Test]
    public void ArithmeticMatchesReference()
    {
        var rng = new Random(8);
        for (int i = 0; i < 500; i++)
        {
            SysBig a = RandomSigned(rng);
            SysBig b = RandomSigned(rng);
            BigInt x = Of(a);
            BigInt y = Of(b);
            Assert.That(ToSys(BigInt.Add(x, y)), Is.EqualTo(a + b), "add");
            Assert.That(ToSys(BigInt.Subtract(x, y)), Is.EqualTo(a - b), "sub");
            Assert.That(ToSys(BigInt.Multiply(x, y)), Is.EqualTo(a * b), "mul");
            Assert.That(BigInt.Compare(x, y), Is.EqualTo(a.CompareTo(b)), "cmp");
            int shift = rng.Next(0, 200);
            SysBig shifted = SysBig.Abs(a) >> shift;
            Assert.That(ToSys(x.ShiftRight(shift)), Is.EqualTo(a.Sign < 0 ? -shifted : shifted), "shift");
            Assert.That(x.GetBit(shift), Is.EqualTo(!(SysBig.Abs(a) >> shift).IsEven), "bit");
            if (b.IsZero)
            {
                Assert.That(BigInt.TryDivide(x, y, out _, out _), Is.False);
                continue;
            }

            Assert.That(BigInt.TryDivide(x, y, out BigInt q, out BigInt r), Is.True);
            Assert.That(ToSys(q), Is.EqualTo(SysBig.Divide(a, b)), "div (truncating)");
            Assert.That(ToSys(r), Is.EqualTo(SysBig.Remainder(a, b)), "rem (sign of dividend)");
            SysBig n = SysBig.Abs(b);
            Assert.That(BigInt.TryMod(x, Of(n), out BigInt mod), Is.True);
            Assert.That(ToSys(mod), Is.EqualTo(((a % n) + n) % n), "mod");
            bool invertible = n > 1 && SysBig.GreatestCommonDivisor(a, n).IsOne;
            Assert.That(BigInt.TryInvMod(x, Of(n), out BigInt inv), Is.EqualTo(invertible), "invmod verdict");
            if (invertible)
            {
                SysBig iv = ToSys(inv);
                Assert.That(iv >= 0 && iv < n && (((a * iv) % n) + n) % n == 1, Is.True, "invmod value");
            }
        }
    }

    [Test]
    public void EdgeCasesAndMalformedInputs()
    {
        Assert.That(BigInt.FromOctetString(new byte[] { 0, 0 }, -1).IsNegative, Is.False, "negative zero normalises");
        Assert.That(BigInt.FromOctetString(ReadOnlySpan<byte>.Empty, 1).IsZero, Is.True);
        BigInt v = BigInt.FromInt64(-0x1234);
        byte[] small = new byte[1];
        Assert.That(v.TryToOctetString(small, out int needed), Is.False);
        Assert.That(needed, Is.EqualTo(2));
        Assert.That(small[0], Is.EqualTo(0), "nothing written on failure");
        Assert.That(BigInt.TryMod(v, BigInt.FromInt64(-5), out _), Is.False, "negative modulus");
        Assert.That(BigInt.TryMod(v, BigInt.Zero, out _), Is.False, "zero modulus");
        Assert.That(BigInt.TryInvMod(BigInt.FromInt64(4), BigInt.FromInt64(8), out _), Is.False, "not coprime");
        Assert.That(BigInt.TryInvMod(BigInt.FromInt64(3), BigInt.FromInt64(1), out _), Is.False, "modulus 1");
        Assert.That(BigInt.TryInvMod(BigInt.FromInt64(3), BigInt.FromInt64(8), out BigInt inv), Is.True, "even modulus");
        Assert.That(ToSys(inv), Is.EqualTo(new SysBig(3)));
    }
}
