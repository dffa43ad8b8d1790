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

    private static BigInt Value(in FieldElement fe)
    {
        byte[] b = new byte[32];
        Field25519.ToBytes(b, fe);
        return new BigInt(b, isUnsigned: true, isBigEndian: false);
    }

    private static FieldElement Element(BigInt v)
    {
        Field25519.FromBytes(out FieldElement fe, Le(v));
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
            FieldElement fa = Element(a), fb = Element(b);
            Field25519.Mul(out FieldElement r, fa, fb);
            Assert.That(Value(r), Is.EqualTo(Mod(a * b)), "mul");
            Field25519.Square(out r, fa);
            Assert.That(Value(r), Is.EqualTo(Mod(a * a)), "square");
            Field25519.Add(out r, fa, fb);
            Assert.That(Value(r), Is.EqualTo(Mod(a + b)), "add");
            Field25519.Sub(out r, fa, fb);
            Assert.That(Value(r), Is.EqualTo(Mod(a - b)), "sub");
            Field25519.Negate(out r, fa);
            Assert.That(Value(r), Is.EqualTo(Mod(-a)), "negate");
            Field25519.MulSmall(out r, fa, 121665);
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
        FieldElement fx = Element(x), fy = Element(y);
        for (int i = 0; i < 5000; i++)
        {
            // Mix additions, subtractions and products without freezing in between.
            Field25519.Sub(out FieldElement t, fx, fy);
            Field25519.Add(out t, t, t);
            Field25519.Sub(out fy, fy, t);
            Field25519.Mul(out fx, t, fx);
            Field25519.Add(out fx, fx, fy);
            Field25519.Square(out fy, fy);
            BigInt tv = Mod(2 * (x - y));
            y = Mod(y - tv);
            x = Mod((tv * x) + y);
            y = Mod(y * y);
        }

        Assert.That(Value(fx), Is.EqualTo(x));
        Assert.That(Value(fy), Is.EqualTo(y));
    }

    [Test]
    public void LooseLimbsAtTheBoundStayExact()
    {
        // Every operation promises limbs below 2^51 + 2^18 and must accept them: try the largest
        // such limbs, alone and mixed with zeros and canonical maxima.
        const ulong Max = (1UL << 51) + (1UL << 18) - 1;
        ulong[] choices = { 0, 1, (1UL << 51) - 1, Max };
        var rng = new SeededRandom(2554);
        for (int i = 0; i < 400; i++)
        {
            FieldElement a = Pick(i == 0 ? null : rng), b = Pick(i == 0 ? null : rng);
            BigInt va = Raw(a), vb = Raw(b);
            Field25519.Mul(out FieldElement r, a, b);
            Assert.That(Value(r), Is.EqualTo(Mod(va * vb)), "mul");
            Field25519.Square(out r, a);
            Assert.That(Value(r), Is.EqualTo(Mod(va * va)), "square");
            Field25519.Sub(out r, a, b);
            Assert.That(Value(r), Is.EqualTo(Mod(va - vb)), "sub");
            Field25519.Add(out r, a, b);
            Assert.That(Value(r), Is.EqualTo(Mod(va + vb)), "add");
            Field25519.Negate(out r, a);
            Assert.That(Value(r), Is.EqualTo(Mod(-va)), "negate");
            Field25519.MulSmall(out r, a, 121666);
            Assert.That(Value(r), Is.EqualTo(Mod(va * 121666)), "mulsmall");

            // Carry-free sums and differences feed products directly (the largest case: a
            // difference whose first operand is itself a carry-free sum).
            Field25519.AddNoCarry(out FieldElement sum, a, b);
            Field25519.SubNoCarry(out FieldElement diff, sum, b);
            Field25519.Mul(out r, diff, sum);
            Assert.That(Value(r), Is.EqualTo(Mod(va * (va + vb))), "mul of carry-free operands");
            Field25519.Square(out r, diff);
            Assert.That(Value(r), Is.EqualTo(Mod(va * va)), "square of a carry-free difference");
            Field25519.MulSmall(out r, diff, 121665);
            Assert.That(Value(r), Is.EqualTo(Mod(va * 121665)), "mulsmall of a carry-free difference");
        }

        FieldElement Pick(SeededRandom? random)
        {
            ulong L() => random == null ? Max : choices[random.Bytes(1)[0] % choices.Length];
            return new FieldElement(L(), L(), L(), L(), L());
        }
    }

    private static BigInt Raw(in FieldElement fe) =>
        new BigInt(fe.L0) + (new BigInt(fe.L1) << 51) + (new BigInt(fe.L2) << 102) + (new BigInt(fe.L3) << 153) + (new BigInt(fe.L4) << 204);

    [Test]
    public void InvertAndEncodingRoundTrip()
    {
        var rng = new SeededRandom(2553);
        for (int i = 0; i < 200; i++)
        {
            BigInt a = new BigInt(rng.Bytes(32), isUnsigned: true) % P;
            FieldElement fa = Element(a);
            Field25519.Invert(out FieldElement inv, fa);
            Assert.That(Value(inv), Is.EqualTo(a.IsZero ? BigInt.Zero : BigInt.ModPow(a, P - 2, P)));
            byte[] enc = new byte[32];
            Field25519.ToBytes(enc, fa);
            Assert.That(enc, Is.EqualTo(Le(a)));
        }

        // Bit 255 is ignored on input; non-canonical inputs (p .. 2^255 - 1) encode canonically.
        byte[] high = Le((BigInt.One << 255) - 1);
        high[31] |= 0x80;
        Field25519.FromBytes(out FieldElement f, high);
        Assert.That(Value(f), Is.EqualTo(new BigInt(18)));
    }
}
