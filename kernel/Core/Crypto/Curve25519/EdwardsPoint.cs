using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Points of edwards25519 (-x² + y² = 1 + d·x²·y², RFC 8032 §5.1) in extended coordinates
/// (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z, as spans of <see cref="Size"/> limbs.
/// </summary>
/// <remarks>
/// <see cref="Add"/> is the unified addition of Hisil–Wong–Carter–Dawson (2008) for a = -1,
/// complete on this curve (d is not a square), so it needs no special cases. <see cref="ScalarMul"/>
/// is constant-time: fixed 4-bit windows, masked table reads. <see cref="TryDecode"/> and the
/// verification helpers work on public data.
/// </remarks>
public static class EdwardsPoint
{
    /// <summary>Limbs per point (four field elements X, Y, Z, T).</summary>
    public const int Size = 4 * F;

    private const int F = Field25519.Limbs;

    private static ulong[]? s_d2;
    private static ulong[]? s_d;
    private static ulong[]? s_sqrtM1;
    private static ulong[]? s_base;

    /// <summary>d = -121665/121666 (RFC 8032 §5.1).</summary>
    public static ReadOnlySpan<ulong> D => s_d ??= ComputeD();

    /// <summary>2d, the constant of the addition formula.</summary>
    internal static ReadOnlySpan<ulong> D2 => s_d2 ??= Doubled(D);

    /// <summary>sqrt(-1) = 2^((p-1)/4).</summary>
    private static ReadOnlySpan<ulong> SqrtM1 => s_sqrtM1 ??= ComputeSqrtM1();

    /// <summary>The base point B (y = 4/5, x even), RFC 8032 §5.1.</summary>
    public static ReadOnlySpan<ulong> Base => s_base ??= ComputeBase();

    private static ulong[] ComputeD()
    {
        ulong[] num = new ulong[F];
        ulong[] den = new ulong[F];
        Field25519.FromSmall(num, 121665);
        Field25519.FromSmall(den, 121666);
        Field25519.Invert(den, den);
        Field25519.Mul(num, num, den);
        Field25519.Negate(num, num);
        Field25519.Freeze(num, num);
        return num;
    }

    private static ulong[] Doubled(ReadOnlySpan<ulong> v)
    {
        ulong[] r = new ulong[F];
        Field25519.Add(r, v, v);
        return r;
    }

    private static ulong[] ComputeSqrtM1()
    {
        // 2^((p-1)/4) by square-and-multiply over the public exponent (p-1)/4 = 2^253 - 5,
        // whose bits 252..0 are all ones except bit 2.
        ulong[] r = new ulong[F];
        Field25519.FromSmall(r, 1);
        for (int i = 252; i >= 0; i--)
        {
            Field25519.Square(r, r);
            if (i != 2)
            {
                Field25519.Add(r, r, r);
            }
        }

        Field25519.Freeze(r, r);
        return r;
    }

    private static ulong[] ComputeBase()
    {
        Span<byte> enc = stackalloc byte[32];
        enc.Fill(0x66);
        enc[0] = 0x58;
        ulong[] p = new ulong[Size];
        TryDecode(enc, p);
        return p;
    }

    /// <summary>Writes the neutral element (0 : 1 : 1 : 0).</summary>
    public static void SetIdentity(Span<ulong> p)
    {
        p.Slice(0, Size).Clear();
        p[F] = 1;
        p[2 * F] = 1;
    }

    /// <summary>r = p + q (unified, complete). r may alias p or q.</summary>
    public static void Add(Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> q)
    {
        Span<ulong> buf = stackalloc ulong[8 * F];
        Span<ulong> a = buf.Slice(0, F), b = buf.Slice(F, F), c = buf.Slice(2 * F, F), d = buf.Slice(3 * F, F);
        Span<ulong> e = buf.Slice(4 * F, F), f = buf.Slice(5 * F, F), g = buf.Slice(6 * F, F), h = buf.Slice(7 * F, F);
        ReadOnlySpan<ulong> x1 = p.Slice(0, F), y1 = p.Slice(F, F), z1 = p.Slice(2 * F, F), t1 = p.Slice(3 * F, F);
        ReadOnlySpan<ulong> x2 = q.Slice(0, F), y2 = q.Slice(F, F), z2 = q.Slice(2 * F, F), t2 = q.Slice(3 * F, F);
        Field25519.Sub(a, y1, x1);
        Field25519.Sub(e, y2, x2);
        Field25519.Mul(a, a, e);        // A = (Y1-X1)(Y2-X2)
        Field25519.Add(b, y1, x1);
        Field25519.Add(e, y2, x2);
        Field25519.Mul(b, b, e);        // B = (Y1+X1)(Y2+X2)
        Field25519.Mul(c, t1, t2);
        Field25519.Mul(c, c, D2);       // C = 2d·T1·T2
        Field25519.Mul(d, z1, z2);
        Field25519.Add(d, d, d);        // D = 2·Z1·Z2
        Field25519.Sub(e, b, a);        // E = B - A
        Field25519.Sub(f, d, c);        // F = D - C
        Field25519.Add(g, d, c);        // G = D + C
        Field25519.Add(h, b, a);        // H = B + A
        Field25519.Mul(r.Slice(0, F), e, f);
        Field25519.Mul(r.Slice(F, F), g, h);
        Field25519.Mul(r.Slice(2 * F, F), f, g);
        Field25519.Mul(r.Slice(3 * F, F), e, h);
    }

    /// <summary>r = 2p (dbl-2008-hwcd with a = -1). r may alias p.</summary>
    public static void Double(Span<ulong> r, ReadOnlySpan<ulong> p) => Double(r, p, withT: true);

    /// <summary>
    /// r = 2p; without <paramref name="withT"/> the T coordinate is left stale (one multiplication
    /// saved), which is enough when the next operation is another doubling (it reads X, Y, Z only).
    /// </summary>
    public static void Double(Span<ulong> r, ReadOnlySpan<ulong> p, bool withT)
    {
        Span<ulong> buf = stackalloc ulong[6 * F];
        Span<ulong> a = buf.Slice(0, F), b = buf.Slice(F, F), c = buf.Slice(2 * F, F), e = buf.Slice(3 * F, F);
        Span<ulong> g = buf.Slice(4 * F, F), h = buf.Slice(5 * F, F);
        Field25519.Square(a, p.Slice(0, F));        // A = X²
        Field25519.Square(b, p.Slice(F, F));        // B = Y²
        Field25519.Square(c, p.Slice(2 * F, F));
        Field25519.Add(c, c, c);                    // C = 2Z²
        Field25519.Add(e, p.Slice(0, F), p.Slice(F, F));
        Field25519.Square(e, e);
        Field25519.Sub(e, e, a);
        Field25519.Sub(e, e, b);                    // E = (X+Y)² - A - B
        Field25519.Sub(g, b, a);                    // G = -A + B
        Field25519.Sub(c, g, c);                    // F = G - C
        Field25519.Add(h, a, b);
        Field25519.Negate(h, h);                 // H = -A - B
        Field25519.Mul(r.Slice(0, F), e, c);
        Field25519.Mul(r.Slice(F, F), g, h);
        Field25519.Mul(r.Slice(2 * F, F), c, g);
        if (withT)
        {
            Field25519.Mul(r.Slice(3 * F, F), e, h);
        }
    }

    /// <summary>Limbs of a point in cached form (Y+X, Y-X, Z, 2d·T).</summary>
    public const int CachedSize = 4 * F;

    /// <summary>Limbs of an affine point in Niels form (y+x, y-x, 2d·x·y), i.e. cached form with Z = 1.</summary>
    public const int NielsSize = 3 * F;

    /// <summary>Converts p to cached form, so that adding it later costs 8 multiplications instead of 9.</summary>
    public static void ToCached(Span<ulong> c, ReadOnlySpan<ulong> p)
    {
        Field25519.Add(c.Slice(0, F), p.Slice(F, F), p.Slice(0, F));
        Field25519.Sub(c.Slice(F, F), p.Slice(F, F), p.Slice(0, F));
        p.Slice(2 * F, F).CopyTo(c.Slice(2 * F, F));
        Field25519.Mul(c.Slice(3 * F, F), p.Slice(3 * F, F), D2);
    }

    /// <summary>r = p + q for q in cached form (8 multiplications). r may alias p.</summary>
    public static void AddCached(Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> q) =>
        AddCore(r, p, q.Slice(0, F), q.Slice(F, F), q.Slice(2 * F, F), q.Slice(3 * F, F), affine: false);

    /// <summary>r = p + q for q in Niels form (7 multiplications). r may alias p.</summary>
    public static void AddNiels(Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> q) =>
        AddCore(r, p, q.Slice(0, F), q.Slice(F, F), default, q.Slice(2 * F, F), affine: true);

    /// <summary>
    /// Negates a cached- or Niels-form point in place when mask is all ones (swap Y+X with Y-X,
    /// negate the 2d·T part at <paramref name="tOffset"/>), without branching on the mask.
    /// </summary>
    public static void ConditionalNegate(Span<ulong> q, int tOffset, ulong mask)
    {
        Field25519.ConditionalSwap(q.Slice(0, F), q.Slice(F, F), mask & 1);
        Span<ulong> neg = stackalloc ulong[F];
        Field25519.Negate(neg, q.Slice(tOffset, F));
        for (int i = 0; i < F; i++)
        {
            q[tOffset + i] = (q[tOffset + i] & ~mask) | (neg[i] & mask);
        }
    }

    /// <summary>The unified addition with the second point pre-transformed (HWCD 2008 §3.1, a = -1).</summary>
    private static void AddCore(Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> yPlusX2, ReadOnlySpan<ulong> yMinusX2,
        ReadOnlySpan<ulong> z2, ReadOnlySpan<ulong> t2d2, bool affine)
    {
        Span<ulong> buf = stackalloc ulong[8 * F];
        Span<ulong> a = buf.Slice(0, F), b = buf.Slice(F, F), c = buf.Slice(2 * F, F), d = buf.Slice(3 * F, F);
        Span<ulong> e = buf.Slice(4 * F, F), f = buf.Slice(5 * F, F), g = buf.Slice(6 * F, F), h = buf.Slice(7 * F, F);
        ReadOnlySpan<ulong> x1 = p.Slice(0, F), y1 = p.Slice(F, F), z1 = p.Slice(2 * F, F), t1 = p.Slice(3 * F, F);
        Field25519.Sub(a, y1, x1);
        Field25519.Mul(a, a, yMinusX2);  // A = (Y1-X1)(Y2-X2)
        Field25519.Add(b, y1, x1);
        Field25519.Mul(b, b, yPlusX2);   // B = (Y1+X1)(Y2+X2)
        Field25519.Mul(c, t1, t2d2);     // C = 2d·T1·T2
        if (affine)
        {
            Field25519.Add(d, z1, z1);   // D = 2·Z1 (Z2 = 1)
        }
        else
        {
            Field25519.Mul(d, z1, z2);
            Field25519.Add(d, d, d);     // D = 2·Z1·Z2
        }

        Field25519.Sub(e, b, a);
        Field25519.Sub(f, d, c);
        Field25519.Add(g, d, c);
        Field25519.Add(h, b, a);
        Field25519.Mul(r.Slice(0, F), e, f);
        Field25519.Mul(r.Slice(F, F), g, h);
        Field25519.Mul(r.Slice(2 * F, F), f, g);
        Field25519.Mul(r.Slice(3 * F, F), e, h);
    }

    /// <summary>r = -p.</summary>
    public static void Negate(Span<ulong> r, ReadOnlySpan<ulong> p)
    {
        Field25519.Negate(r.Slice(0, F), p.Slice(0, F));
        p.Slice(F, 2 * F).CopyTo(r.Slice(F, 2 * F));
        Field25519.Negate(r.Slice(3 * F, F), p.Slice(3 * F, F));
    }

    /// <summary>r = k·p for a 256-bit little-endian scalar k (32 bytes). Constant-time.</summary>
    public static void ScalarMul(Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<byte> k)
    {
        const int Entries = 16;
        Span<ulong> table = stackalloc ulong[Entries * Size];
        SetIdentity(table.Slice(0, Size));
        p.Slice(0, Size).CopyTo(table.Slice(Size, Size));
        for (int i = 2; i < Entries; i++)
        {
            Add(table.Slice(i * Size, Size), table.Slice((i - 1) * Size, Size), p);
        }

        Span<ulong> acc = stackalloc ulong[Size];
        Span<ulong> sel = stackalloc ulong[Size];
        SetIdentity(acc);
        for (int i = 63; i >= 0; i--)
        {
            Double(acc, acc);
            Double(acc, acc);
            Double(acc, acc);
            Double(acc, acc);
            uint idx = (uint)((k[i >> 1] >> ((i & 1) * 4)) & 0xF);
            MontgomeryContext.SelectEntry(sel, table, Size, Entries, idx);
            Add(acc, acc, sel);
        }

        acc.CopyTo(r);
        table.Clear();
    }

    /// <summary>Canonical 32-byte encoding (RFC 8032 §5.1.2): y with the sign of x in bit 255.</summary>
    public static void Encode(Span<byte> output, ReadOnlySpan<ulong> p)
    {
        Span<ulong> zi = stackalloc ulong[F];
        Span<ulong> x = stackalloc ulong[F];
        Span<ulong> y = stackalloc ulong[F];
        Field25519.Invert(zi, p.Slice(2 * F, F));
        Field25519.Mul(x, p.Slice(0, F), zi);
        Field25519.Mul(y, p.Slice(F, F), zi);
        Field25519.ToBytes(output, y);
        output[31] |= (byte)(Field25519.IsNegative(x) << 7);
    }

    /// <summary>
    /// Decodes a point (RFC 8032 §5.1.3). Rejects y ≥ p (step 1), x² with no root (step 3) and
    /// x = 0 with the sign bit set (step 4). Variable-time: encodings are public.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, Span<ulong> p)
    {
        if (encoded.Length != 32)
        {
            return false;
        }

        Span<ulong> buf = stackalloc ulong[8 * F];
        Span<ulong> y = buf.Slice(0, F), u = buf.Slice(F, F), v = buf.Slice(2 * F, F), x = buf.Slice(3 * F, F);
        Span<ulong> t = buf.Slice(4 * F, F), v3 = buf.Slice(5 * F, F), chk = buf.Slice(6 * F, F), canon = buf.Slice(7 * F, F);
        Field25519.FromBytes(y, encoded);
        Field25519.Freeze(canon, y);
        if (Natural.Compare(canon, y) != 0)
        {
            return false; // step 1: y must be below p
        }

        int sign = encoded[31] >> 7;
        ulong[] one = new ulong[F];
        Field25519.FromSmall(one, 1);
        Field25519.Square(u, y);
        Field25519.Mul(v, u, D);
        Field25519.Sub(u, u, one);      // u = y² - 1
        Field25519.Add(v, v, one);      // v = d·y² + 1

        // x = u·v³·(u·v⁷)^((p-5)/8) (step 2).
        Field25519.Square(v3, v);
        Field25519.Mul(v3, v3, v);
        Field25519.Square(t, v3);
        Field25519.Mul(t, t, v);
        Field25519.Mul(t, t, u);
        Field25519.Pow22523(t, t);
        Field25519.Mul(t, t, v3);
        Field25519.Mul(x, t, u);

        // step 3: v·x² must be ±u.
        Field25519.Square(chk, x);
        Field25519.Mul(chk, chk, v);
        Field25519.Sub(t, chk, u);
        if (Field25519.IsZeroMask(t) == 0)
        {
            Field25519.Add(t, chk, u);
            if (Field25519.IsZeroMask(t) == 0)
            {
                return false;
            }

            Field25519.Mul(x, x, SqrtM1);
        }

        Field25519.Freeze(x, x);
        if (Natural.IsZero(x) && sign == 1)
        {
            return false; // step 4
        }

        if ((int)(x[0] & 1) != sign)
        {
            Field25519.Negate(x, x);
        }

        x.CopyTo(p.Slice(0, F));
        y.CopyTo(p.Slice(F, F));
        Field25519.FromSmall(p.Slice(2 * F, F), 1);
        Field25519.Mul(p.Slice(3 * F, F), x, y);
        return true;
    }
}
