using System;
using Lvbs.Kernel.Crypto.Curve25519;
using NUnit.Framework;
using BigInt = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// The radix-2^51 field arithmetic against System.Numerics.BigInteger mod p: random values,
/// values next to 0, p and 2^255, and long chains of operations (so weakly reduced limbs from
/// one operation feed the next, as in the ladder and the point formulas).
/// </summary>
public class Field25519Tests
{
    private static readonly BigInt P = (BigInt.One << 255) - 19;

    private static byte[] Le(BigInt v)
    {
        byte[] b = new byte[32];
        v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return b;
    }

    private static BigInt Value(ReadOnlySpan<ulong> fe)
    {
        byte[] b = new byte[32];
        Field25519.ToBytes(b, fe);
        return new BigInt(b, isUnsigned: true, isBigEndian: false);
    }

    private static ulong[] Element(BigInt v)
    {
        ulong[] fe = new ulong[Field25519.Limbs];
        Field25519.FromBytes(fe, Le(v));
        return fe;
    }

    private static BigInt Mod(BigInt v) => ((v % P) + P) % P;

    private static BigInt[] Edges() => new[]
    {
        BigInt.Zero, BigInt.One, new BigInt(19), P - 1, P, P + 1, P + 18, (BigInt.One << 255) - 1,
        (BigInt.One << 254), (BigInt.One << 51) - 1, BigInt.One << 51, (BigInt.One << 204) - 1,
    };

    [Test]
    public void OperationsMatchBigIntegerModP()
    {
        var rng = new SeededRandom(2551);
        BigInt[] edges = Edges();
        for (int i = 0; i < 3000; i++)
        {
            BigInt a = i < edges.Length * edges.Length ? edges[i / edges.Length] : new BigInt(rng.Bytes(32), isUnsigned: true) & ((BigInt.One << 255) - 1);
            BigInt b = i < edges.Length * edges.Length ? edges[i % edges.Length] : new BigInt(rng.Bytes(32), isUnsigned: true) & ((BigInt.One << 255) - 1);
            ulong[] fa = Element(a), fb = Element(b), r = new ulong[Field25519.Limbs];
            Field25519.Mul(r, fa, fb);
            Assert.That(Value(r), Is.EqualTo(Mod(a * b)), "mul");
            Field25519.Square(r, fa);
            Assert.That(Value(r), Is.EqualTo(Mod(a * a)), "square");
            Field25519.Add(r, fa, fb);
            Assert.That(Value(r), Is.EqualTo(Mod(a + b)), "add");
            Field25519.Sub(r, fa, fb);
            Assert.That(Value(r), Is.EqualTo(Mod(a - b)), "sub");
            Field25519.Negate(r, fa);
            Assert.That(Value(r), Is.EqualTo(Mod(-a)), "negate");
            Field25519.MulSmall(r, fa, 121665);
            Assert.That(Value(r), Is.EqualTo(Mod(a * 121665)), "mulsmall");
            Assert.That(Field25519.IsZeroMask(fa) != 0, Is.EqualTo(Mod(a).IsZero), "iszero");
            Assert.That(Field25519.IsNegative(fa), Is.EqualTo((ulong)(Mod(a).IsEven ? 0 : 1)), "parity");
        }
    }

    [Test]
    public void LongChainsOfWeaklyReducedValuesStayExact()
    {
        var rng = new SeededRandom(2552);
        BigInt x = new BigInt(rng.Bytes(32), isUnsigned: true) % P;
        BigInt y = new BigInt(rng.Bytes(32), isUnsigned: true) % P;
        ulong[] fx = Element(x), fy = Element(y), t = new ulong[Field25519.Limbs];
        for (int i = 0; i < 5000; i++)
        {
            // Mix additions, subtractions and products without freezing in between.
            Field25519.Sub(t, fx, fy);
            Field25519.Add(t, t, t);
            Field25519.Sub(fy, fy, t);
            Field25519.Mul(fx, t, fx);
            Field25519.Add(fx, fx, fy);
            Field25519.Square(fy, fy);
            BigInt tv = Mod(2 * (x - y));
            y = Mod(y - tv);
            x = Mod((tv * x) + y);
            y = Mod(y * y);
        }

        Assert.That(Value(fx), Is.EqualTo(x));
        Assert.That(Value(fy), Is.EqualTo(y));
    }

    [Test]
    public void InvertAndEncodingRoundTrip()
    {
        var rng = new SeededRandom(2553);
        ulong[] inv = new ulong[Field25519.Limbs];
        for (int i = 0; i < 200; i++)
        {
            BigInt a = new BigInt(rng.Bytes(32), isUnsigned: true) % P;
            ulong[] fa = Element(a);
            Field25519.Invert(inv, fa);
            Assert.That(Value(inv), Is.EqualTo(a.IsZero ? BigInt.Zero : BigInt.ModPow(a, P - 2, P)));
            byte[] enc = new byte[32];
            Field25519.ToBytes(enc, fa);
            Assert.That(enc, Is.EqualTo(Le(a)));
        }

        // Bit 255 is ignored on input; non-canonical inputs (p .. 2^255 - 1) encode canonically.
        byte[] high = Le((BigInt.One << 255) - 1);
        high[31] |= 0x80;
        ulong[] f = new ulong[Field25519.Limbs];
        Field25519.FromBytes(f, high);
        Assert.That(Value(f), Is.EqualTo(new BigInt(18)));
    }
}
