using System;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Group operations on edwards25519 (-x² + y² = 1 + d·x²·y², RFC 8032 §5.1) over
/// <see cref="ExtendedPoint"/>, <see cref="CachedPoint"/> and <see cref="NielsPoint"/>.
/// </summary>
/// <remarks>
/// Additions are the unified formulas of Hisil–Wong–Carter–Dawson (2008) for a = -1, complete on
/// this curve (d is not a square), so they need no special cases and no branches. Every result
/// may alias an operand: all inputs are read before the result is written.
/// <see cref="TryDecode"/> works on public data (variable-time).
/// </remarks>
[SkipLocalsInit]
public static class EdwardsPoint
{
    /// <summary>d = -121665/121666 (RFC 8032 §5.1).</summary>
    public static FieldElement D => new FieldElement(0x34DCA135978A3, 0x1A8283B156EBD, 0x5E7A26001C029, 0x739C663A03CBB, 0x52036CEE2B6FF);

    /// <summary>2d, the constant of the addition formula.</summary>
    public static FieldElement D2 => new FieldElement(0x69B9426B2F159, 0x35050762ADD7A, 0x3CF44C0038052, 0x6738CC7407977, 0x2406D9DC56DFF);

    /// <summary>sqrt(-1) = 2^((p-1)/4).</summary>
    public static FieldElement SqrtM1 => new FieldElement(0x61B274A0EA0B0, 0xD5A5FC8F189D, 0x7EF5E9CBD0C60, 0x78595A6804C9E, 0x2B8324804FC1D);

    /// <summary>The base point B (y = 4/5, x even), RFC 8032 §5.1, with Z = 1.</summary>
    public static ExtendedPoint Base
    {
        get
        {
            ExtendedPoint b;
            b.X = new FieldElement(0x62D608F25D51A, 0x412A4B4F6592A, 0x75B7171A4B31D, 0x1FF60527118FE, 0x216936D3CD6E5);
            b.Y = new FieldElement(0x6666666666658, 0x4CCCCCCCCCCCC, 0x1999999999999, 0x3333333333333, 0x6666666666666);
            b.Z = FieldElement.One;
            b.T = new FieldElement(0x68AB3A5B7DDA3, 0xEEA2A5EADBB, 0x2AF8DF483C27E, 0x332B375274732, 0x67875F0FD78B7);
            return b;
        }
    }

    /// <summary>
    /// p = 2p in place (dbl-2008-hwcd, a = -1, signs as in ref10). Without <paramref name="withT"/>
    /// T is left stale (one multiplication saved), which is enough when the next operation is
    /// another doubling (it reads X, Y, Z only). The flag is a public property of the schedule.
    /// </summary>
    public static void Double(ref ExtendedPoint p, bool withT)
    {
        // Limb bounds: carry-free sums and differences only feed products (Field25519 remarks);
        // F is carried because it is the sum of two carry-free values.
        Field25519.Square(out FieldElement a, p.X);           // A = X²
        Field25519.Square(out FieldElement b, p.Y);           // B = Y²
        Field25519.Square(out FieldElement c, p.Z);
        Field25519.AddNoCarry(out c, c, c);                   // C = 2Z²
        Field25519.AddNoCarry(out FieldElement e, p.X, p.Y);
        Field25519.Square(out e, e);
        Field25519.AddNoCarry(out FieldElement h, a, b);      // H = A + B
        Field25519.SubNoCarry(out e, h, e);                   // E = H - (X+Y)²
        Field25519.SubNoCarry(out FieldElement g, a, b);      // G = A - B
        Field25519.Add(out FieldElement f, c, g);             // F = C + G
        Field25519.Mul(out p.X, e, f);
        Field25519.Mul(out p.Y, g, h);
        Field25519.Mul(out p.Z, f, g);
        if (withT)
        {
            Field25519.Mul(out p.T, e, h);
        }
    }

    /// <summary>Converts p to cached form.</summary>
    public static void ToCached(out CachedPoint c, in ExtendedPoint p)
    {
        Field25519.Add(out c.YPlusX, p.Y, p.X);
        Field25519.Sub(out c.YMinusX, p.Y, p.X);
        c.Z = p.Z;
        Field25519.Mul(out c.T2d, p.T, D2);
    }

    /// <summary>r = p + q (extended + extended, 9 multiplications).</summary>
    public static void Add(out ExtendedPoint r, in ExtendedPoint p, in ExtendedPoint q)
    {
        ToCached(out CachedPoint c, q);
        AddCached(out r, p, c);
    }

    /// <summary>
    /// r = p + q for q in cached form (8 multiplications). Without <paramref name="withT"/> T is
    /// not computed (it is zeroed; one multiplication saved): only for a result whose next use
    /// is <see cref="Double"/>, which reads X, Y, Z.
    /// </summary>
    public static void AddCached(out ExtendedPoint r, in ExtendedPoint p, in CachedPoint q, bool withT = true)
    {
        Field25519.SubNoCarry(out FieldElement a, p.Y, p.X);
        Field25519.Mul(out a, a, q.YMinusX);                  // A = (Y1-X1)(Y2-X2)
        Field25519.AddNoCarry(out FieldElement b, p.Y, p.X);
        Field25519.Mul(out b, b, q.YPlusX);                   // B = (Y1+X1)(Y2+X2)
        Field25519.Mul(out FieldElement c, p.T, q.T2d);       // C = 2d·T1·T2
        Field25519.Mul(out FieldElement d, p.Z, q.Z);
        Field25519.AddNoCarry(out d, d, d);                          // D = 2·Z1·Z2
        Finish(out r, a, b, c, d, withT);
    }

    /// <summary>r = p - q for q in cached form (variable-time callers use it instead of a negated copy).</summary>
    public static void SubCached(out ExtendedPoint r, in ExtendedPoint p, in CachedPoint q, bool withT = true)
    {
        Field25519.SubNoCarry(out FieldElement a, p.Y, p.X);
        Field25519.Mul(out a, a, q.YPlusX);
        Field25519.AddNoCarry(out FieldElement b, p.Y, p.X);
        Field25519.Mul(out b, b, q.YMinusX);
        Field25519.Mul(out FieldElement c, p.T, q.T2d);
        Field25519.Negate(out c, c);
        Field25519.Mul(out FieldElement d, p.Z, q.Z);
        Field25519.AddNoCarry(out d, d, d);
        Finish(out r, a, b, c, d, withT);
    }

    /// <summary>r = p + q for q in Niels form (7 multiplications; T optional as in <see cref="AddCached"/>).</summary>
    public static void AddNiels(out ExtendedPoint r, in ExtendedPoint p, in NielsPoint q, bool withT = true)
    {
        Field25519.SubNoCarry(out FieldElement a, p.Y, p.X);
        Field25519.Mul(out a, a, q.YMinusX);
        Field25519.AddNoCarry(out FieldElement b, p.Y, p.X);
        Field25519.Mul(out b, b, q.YPlusX);
        Field25519.Mul(out FieldElement c, p.T, q.XY2d);
        Field25519.AddNoCarry(out FieldElement d, p.Z, p.Z);         // D = 2·Z1 (Z2 = 1)
        Finish(out r, a, b, c, d, withT);
    }

    /// <summary>r = p - q for q in Niels form (variable-time callers).</summary>
    public static void SubNiels(out ExtendedPoint r, in ExtendedPoint p, in NielsPoint q, bool withT = true)
    {
        Field25519.SubNoCarry(out FieldElement a, p.Y, p.X);
        Field25519.Mul(out a, a, q.YPlusX);
        Field25519.AddNoCarry(out FieldElement b, p.Y, p.X);
        Field25519.Mul(out b, b, q.YMinusX);
        Field25519.Mul(out FieldElement c, p.T, q.XY2d);
        Field25519.Negate(out c, c);
        Field25519.AddNoCarry(out FieldElement d, p.Z, p.Z);
        Finish(out r, a, b, c, d, withT);
    }

    /// <summary>E = B - A, F = D - C, G = D + C, H = B + A; X3 = E·F, Y3 = G·H, Z3 = F·G, T3 = E·H (or T3 = 0 when not wanted).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(out ExtendedPoint r, in FieldElement a, in FieldElement b, in FieldElement c, in FieldElement d, bool withT)
    {
        // a, b, c loose (products or a carried negation), d below 2^52 + 2^19: every value here
        // only feeds a product, so no carries (Field25519 remarks).
        Field25519.SubNoCarry(out FieldElement e, b, a);
        Field25519.SubNoCarry(out FieldElement f, d, c);
        Field25519.AddNoCarry(out FieldElement g, d, c);
        Field25519.AddNoCarry(out FieldElement h, b, a);
        Field25519.Mul(out r.X, e, f);
        Field25519.Mul(out r.Y, g, h);
        Field25519.Mul(out r.Z, f, g);
        if (withT)
        {
            Field25519.Mul(out r.T, e, h);
        }
        else
        {
            r.T = default;
        }
    }

    /// <summary>
    /// Negates a Niels point in place when mask is all ones (swap y+x with y-x, negate 2d·x·y),
    /// without branching on the mask.
    /// </summary>
    public static void ConditionalNegate(ref NielsPoint q, ulong mask)
    {
        Field25519.ConditionalSwap(ref q.YPlusX, ref q.YMinusX, mask);
        Field25519.Negate(out FieldElement neg, q.XY2d);
        Field25519.ConditionalSwap(ref q.XY2d, ref neg, mask);
    }

    /// <summary>True when p is the neutral element: X ≡ 0 and Y ≡ Z (no inversion). Variable-time.</summary>
    public static bool IsIdentityVartime(in ExtendedPoint p)
    {
        return Field25519.IsZeroMask(p.X) != 0 && Field25519.EqualVartime(p.Y, p.Z);
    }

    /// <summary>r = -p.</summary>
    public static void Negate(out ExtendedPoint r, in ExtendedPoint p)
    {
        r.Y = p.Y;
        r.Z = p.Z;
        Field25519.Negate(out r.X, p.X);
        Field25519.Negate(out r.T, p.T);
    }

    /// <summary>Canonical 32-byte encoding (RFC 8032 §5.1.2): y with the sign of x in bit 255.</summary>
    public static void Encode(Span<byte> output, in ExtendedPoint p)
    {
        Field25519.Invert(out FieldElement zi, p.Z);
        EncodeAffine(output, p, zi);
    }

    /// <summary>
    /// Encodes two points with one inversion (Montgomery's trick: 1/Zp = Zq/(Zp·Zq) and
    /// 1/Zq = Zp/(Zp·Zq)), three multiplications instead of a second 265-operation inversion.
    /// Constant-time, like <see cref="Encode"/>.
    /// </summary>
    public static void EncodeTwo(Span<byte> outputP, in ExtendedPoint p, Span<byte> outputQ, in ExtendedPoint q)
    {
        Field25519.Mul(out FieldElement both, p.Z, q.Z);
        Field25519.Invert(out both, both);
        Field25519.Mul(out FieldElement zi, both, q.Z);
        EncodeAffine(outputP, p, zi);
        Field25519.Mul(out zi, both, p.Z);
        EncodeAffine(outputQ, q, zi);
    }

    private static void EncodeAffine(Span<byte> output, in ExtendedPoint p, in FieldElement zi)
    {
        Field25519.Mul(out FieldElement x, p.X, zi);
        Field25519.Mul(out FieldElement y, p.Y, zi);
        Field25519.ToBytes(output, y);
        output[31] |= (byte)(Field25519.IsNegative(x) << 7);
    }

    /// <summary>
    /// Decodes a point (RFC 8032 §5.1.3). Rejects y ≥ p (step 1), x² with no root (step 3) and
    /// x = 0 with the sign bit set (step 4). Variable-time: encodings are public.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out ExtendedPoint p)
    {
        p = default;
        if (encoded.Length != 32)
        {
            return false;
        }

        Field25519.FromBytes(out FieldElement y, encoded);
        Field25519.Freeze(out FieldElement canon, y);
        if (canon.L0 != y.L0 || canon.L1 != y.L1 || canon.L2 != y.L2 || canon.L3 != y.L3 || canon.L4 != y.L4)
        {
            return false; // step 1: y must be below p
        }

        int sign = encoded[31] >> 7;
        FieldElement one = FieldElement.One;
        Field25519.Square(out FieldElement u, y);
        Field25519.Mul(out FieldElement v, u, D);
        Field25519.Sub(out u, u, one);      // u = y² - 1
        Field25519.Add(out v, v, one);      // v = d·y² + 1

        // x = u·v³·(u·v⁷)^((p-5)/8) (step 2).
        Field25519.Square(out FieldElement v3, v);
        Field25519.Mul(out v3, v3, v);
        Field25519.Square(out FieldElement t, v3);
        Field25519.Mul(out t, t, v);
        Field25519.Mul(out t, t, u);
        Field25519.Pow22523(out t, t);
        Field25519.Mul(out t, t, v3);
        Field25519.Mul(out FieldElement x, t, u);

        // step 3: v·x² must be ±u.
        Field25519.Square(out FieldElement chk, x);
        Field25519.Mul(out chk, chk, v);
        if (!Field25519.EqualVartime(chk, u))
        {
            Field25519.Negate(out FieldElement negU, u);
            if (!Field25519.EqualVartime(chk, negU))
            {
                return false;
            }

            Field25519.Mul(out x, x, SqrtM1);
        }

        Field25519.Freeze(out x, x);
        if ((x.L0 | x.L1 | x.L2 | x.L3 | x.L4) == 0 && sign == 1)
        {
            return false; // step 4
        }

        if ((int)(x.L0 & 1) != sign)
        {
            Field25519.Negate(out x, x);
        }

        p.X = x;
        p.Y = y;
        p.Z = one;
        Field25519.Mul(out p.T, x, y);
        return true;
    }
}
