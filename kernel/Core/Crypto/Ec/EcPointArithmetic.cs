using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// Point arithmetic on an <see cref="EcCurve"/>. A point is a span of 3n limbs holding
/// projective (X : Y : Z) in Montgomery form, x = X/Z, y = Y/Z; the point at infinity is (0 : 1 : 0).
/// </summary>
/// <remarks>
/// <see cref="Add"/> and <see cref="Double"/> are the complete, exception-free formulas of
/// Renes, Costello and Batina (2016), Algorithms 4 and 6 for a = -3: they are correct for every
/// input pair including P = Q, P = -Q and infinity, so no input-dependent branch exists.
/// <see cref="ScalarMul"/> is constant-time: fixed 4-bit windows over all scalar bits, one
/// addition per window, table entries chosen by masked reads of every entry.
/// </remarks>
public static class EcPointArithmetic
{
    /// <summary>r = p + q (complete addition, RCB Algorithm 4). r may alias p or q.</summary>
    public static void Add(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> q)
    {
        MontgomeryContext f = c.Field;
        int n = c.Limbs;
        ReadOnlySpan<ulong> x1 = p.Slice(0, n), y1 = p.Slice(n, n), z1 = p.Slice(2 * n, n);
        ReadOnlySpan<ulong> x2 = q.Slice(0, n), y2 = q.Slice(n, n), z2 = q.Slice(2 * n, n);
        Span<ulong> buf = stackalloc ulong[8 * n];
        Span<ulong> t0 = buf.Slice(0, n), t1 = buf.Slice(n, n), t2 = buf.Slice(2 * n, n), t3 = buf.Slice(3 * n, n);
        Span<ulong> t4 = buf.Slice(4 * n, n), x3 = buf.Slice(5 * n, n), y3 = buf.Slice(6 * n, n), z3 = buf.Slice(7 * n, n);
        ReadOnlySpan<ulong> b = c.BMont;

        f.Mul(t0, x1, x2);      // 1
        f.Mul(t1, y1, y2);      // 2
        f.Mul(t2, z1, z2);      // 3
        f.AddMod(t3, x1, y1);   // 4
        f.AddMod(t4, x2, y2);   // 5
        f.Mul(t3, t3, t4);      // 6
        f.AddMod(t4, t0, t1);   // 7
        f.SubMod(t3, t3, t4);   // 8
        f.AddMod(t4, y1, z1);   // 9
        f.AddMod(x3, y2, z2);   // 10
        f.Mul(t4, t4, x3);      // 11
        f.AddMod(x3, t1, t2);   // 12
        f.SubMod(t4, t4, x3);   // 13
        f.AddMod(x3, x1, z1);   // 14
        f.AddMod(y3, x2, z2);   // 15
        f.Mul(x3, x3, y3);      // 16
        f.AddMod(y3, t0, t2);   // 17
        f.SubMod(y3, x3, y3);   // 18
        f.Mul(z3, b, t2);       // 19
        f.SubMod(x3, y3, z3);   // 20
        f.AddMod(z3, x3, x3);   // 21
        f.AddMod(x3, x3, z3);   // 22
        f.SubMod(z3, t1, x3);   // 23
        f.AddMod(x3, t1, x3);   // 24
        f.Mul(y3, b, y3);       // 25
        f.AddMod(t1, t2, t2);   // 26
        f.AddMod(t2, t1, t2);   // 27
        f.SubMod(y3, y3, t2);   // 28
        f.SubMod(y3, y3, t0);   // 29
        f.AddMod(t1, y3, y3);   // 30
        f.AddMod(y3, t1, y3);   // 31
        f.AddMod(t1, t0, t0);   // 32
        f.AddMod(t0, t1, t0);   // 33
        f.SubMod(t0, t0, t2);   // 34
        f.Mul(t1, t4, y3);      // 35
        f.Mul(t2, t0, y3);      // 36
        f.Mul(y3, x3, z3);      // 37
        f.AddMod(y3, y3, t2);   // 38
        f.Mul(x3, t3, x3);      // 39
        f.SubMod(x3, x3, t1);   // 40
        f.Mul(z3, t4, z3);      // 41
        f.Mul(t1, t3, t0);      // 42
        f.AddMod(z3, z3, t1);   // 43
        x3.CopyTo(r.Slice(0, n));
        y3.CopyTo(r.Slice(n, n));
        z3.CopyTo(r.Slice(2 * n, n));
    }

    /// <summary>r = 2p (exception-free doubling, RCB Algorithm 6). r may alias p.</summary>
    public static void Double(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> p)
    {
        MontgomeryContext f = c.Field;
        int n = c.Limbs;
        ReadOnlySpan<ulong> x = p.Slice(0, n), y = p.Slice(n, n), z = p.Slice(2 * n, n);
        Span<ulong> buf = stackalloc ulong[7 * n];
        Span<ulong> t0 = buf.Slice(0, n), t1 = buf.Slice(n, n), t2 = buf.Slice(2 * n, n), t3 = buf.Slice(3 * n, n);
        Span<ulong> x3 = buf.Slice(4 * n, n), y3 = buf.Slice(5 * n, n), z3 = buf.Slice(6 * n, n);
        ReadOnlySpan<ulong> b = c.BMont;

        f.Mul(t0, x, x);        // 1
        f.Mul(t1, y, y);        // 2
        f.Mul(t2, z, z);        // 3
        f.Mul(t3, x, y);        // 4
        f.AddMod(t3, t3, t3);   // 5
        f.Mul(z3, x, z);        // 6
        f.AddMod(z3, z3, z3);   // 7
        f.Mul(y3, b, t2);       // 8
        f.SubMod(y3, y3, z3);   // 9
        f.AddMod(x3, y3, y3);   // 10
        f.AddMod(y3, x3, y3);   // 11
        f.SubMod(x3, t1, y3);   // 12
        f.AddMod(y3, t1, y3);   // 13
        f.Mul(y3, x3, y3);      // 14
        f.Mul(x3, x3, t3);      // 15
        f.AddMod(t3, t2, t2);   // 16
        f.AddMod(t2, t2, t3);   // 17
        f.Mul(z3, b, z3);       // 18
        f.SubMod(z3, z3, t2);   // 19
        f.SubMod(z3, z3, t0);   // 20
        f.AddMod(t3, z3, z3);   // 21
        f.AddMod(z3, z3, t3);   // 22
        f.AddMod(t3, t0, t0);   // 23
        f.AddMod(t0, t3, t0);   // 24
        f.SubMod(t0, t0, t2);   // 25
        f.Mul(t0, t0, z3);      // 26
        f.AddMod(y3, y3, t0);   // 27
        f.Mul(t0, y, z);        // 28
        f.AddMod(t0, t0, t0);   // 29
        f.Mul(z3, t0, z3);      // 30
        f.SubMod(x3, x3, z3);   // 31
        f.Mul(z3, t0, t1);      // 32
        f.AddMod(z3, z3, z3);   // 33
        f.AddMod(z3, z3, z3);   // 34
        x3.CopyTo(r.Slice(0, n));
        y3.CopyTo(r.Slice(n, n));
        z3.CopyTo(r.Slice(2 * n, n));
    }

    /// <summary>Writes the point at infinity (0 : 1 : 0).</summary>
    public static void SetInfinity(EcCurve c, Span<ulong> r)
    {
        int n = c.Limbs;
        r.Slice(0, 3 * n).Clear();
        c.Field.One.CopyTo(r.Slice(n, n));
    }

    /// <summary>All-ones when p is the point at infinity (Z = 0), else zero. Constant-time.</summary>
    public static ulong IsInfinityMask(EcCurve c, ReadOnlySpan<ulong> p) => Natural.IsZeroMask(p.Slice(2 * c.Limbs, c.Limbs));

    /// <summary>
    /// r = k·p for a scalar k of n limbs (any value below 2^(64n)). Constant-time in k and p.
    /// </summary>
    public static void ScalarMul(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> k)
    {
        const int Window = 4;
        const int Entries = 1 << Window;
        int n = c.Limbs;
        int w = 3 * n;
        Span<ulong> table = stackalloc ulong[Entries * w];
        SetInfinity(c, table.Slice(0, w));
        p.Slice(0, w).CopyTo(table.Slice(w, w));
        for (int i = 2; i < Entries; i++)
        {
            if ((i & 1) == 0)
            {
                Double(c, table.Slice(i * w, w), table.Slice((i / 2) * w, w));
            }
            else
            {
                Add(c, table.Slice(i * w, w), table.Slice((i - 1) * w, w), p);
            }
        }

        Span<ulong> acc = stackalloc ulong[w];
        Span<ulong> sel = stackalloc ulong[w];
        SetInfinity(c, acc);
        for (int bit = (n * 64) - Window; bit >= 0; bit -= Window)
        {
            for (int j = 0; j < Window; j++)
            {
                Double(c, acc, acc);
            }

            uint idx = (uint)((k[bit >> 6] >> (bit & 63)) & (Entries - 1));
            MontgomeryContext.SelectEntry(sel, table, w, Entries, idx);
            Add(c, acc, acc, sel);
        }

        acc.CopyTo(r.Slice(0, w));
        table.Clear();
        sel.Clear();
        acc.Clear();
    }

    /// <summary>
    /// r = k·G from a fixed-base table (entry [i][j] = j·16^i·G, built on first use: 64 windows
    /// of 16 points for P-256, 96 for P-384), one complete addition per 4-bit window and no
    /// doublings. Constant-time: each window reads all 16 entries under a mask.
    /// </summary>
    public static void GeneratorMul(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> k)
    {
        const int Entries = 16;
        int n = c.Limbs;
        int w = 3 * n;
        int windows = n * 16;
        ulong[] table = GeneratorTableOf(c);
        Span<ulong> acc = stackalloc ulong[w];
        Span<ulong> sel = stackalloc ulong[w];
        SetInfinity(c, acc);
        for (int i = 0; i < windows; i++)
        {
            int bit = i * 4;
            uint idx = (uint)((k[bit >> 6] >> (bit & 63)) & 0xF);
            MontgomeryContext.SelectEntry(sel, table.AsSpan(i * Entries * w, Entries * w), w, Entries, idx);
            Add(c, acc, acc, sel);
        }

        acc.CopyTo(r.Slice(0, w));
        acc.Clear();
        sel.Clear();
    }

    /// <summary>The curve's fixed-base table (entry [i][j] = j·16^i·G, projective), built on first use.</summary>
    internal static ulong[] GeneratorTableOf(EcCurve c) => c.GeneratorTable ??= BuildGeneratorTable(c);

    private static ulong[] BuildGeneratorTable(EcCurve c)
    {
        const int Entries = 16;
        int w = 3 * c.Limbs;
        int windows = c.Limbs * 16;
        ulong[] table = new ulong[windows * Entries * w];
        Span<ulong> baseP = stackalloc ulong[w];
        c.Generator.CopyTo(baseP);
        for (int i = 0; i < windows; i++)
        {
            Span<ulong> t = table.AsSpan(i * Entries * w, Entries * w);
            SetInfinity(c, t.Slice(0, w));
            baseP.CopyTo(t.Slice(w, w));
            for (int j = 2; j < Entries; j++)
            {
                Add(c, t.Slice(j * w, w), t.Slice((j - 1) * w, w), baseP);
            }

            for (int d = 0; d < 4; d++)
            {
                Double(c, baseP, baseP);
            }
        }

        return table;
    }

    /// <summary>
    /// Affine coordinates of p in ordinary (non-Montgomery) form. Returns false for the point at
    /// infinity. The inversion is constant-time (Fermat with the masked-window exponentiation).
    /// </summary>
    public static bool TryToAffine(EcCurve c, ReadOnlySpan<ulong> p, Span<ulong> x, Span<ulong> y)
    {
        int n = c.Limbs;
        MontgomeryContext f = c.Field;
        Span<ulong> z = stackalloc ulong[n];
        f.FromMontgomery(z, p.Slice(2 * n, n));
        bool infinity = Natural.IsZeroMask(z) != 0;
        Span<ulong> zInv = stackalloc ulong[n];
        f.ModPowSecret(zInv, z, c.FieldInverseExponent);
        // Mul(X·R, z^-1) = X·z^-1 in ordinary form.
        f.Mul(x, p.Slice(0, n), zInv);
        f.Mul(y, p.Slice(n, n), zInv);
        return !infinity;
    }

    /// <summary>
    /// Builds a projective point from affine coordinates in ordinary form, checking that both
    /// are below p and that y² = x³ - 3x + b (SP 800-186 Appendix D.1.1 / SEC 1 §3.2.2.1 partial
    /// validation; the curves have cofactor 1, so on-curve implies the right subgroup).
    /// </summary>
    public static bool TryFromAffine(EcCurve c, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> r)
    {
        int n = c.Limbs;
        MontgomeryContext f = c.Field;
        if (Natural.Compare(x, f.Modulus) >= 0 || Natural.Compare(y, f.Modulus) >= 0)
        {
            return false;
        }

        Span<ulong> xm = r.Slice(0, n);
        Span<ulong> ym = r.Slice(n, n);
        f.ToMontgomery(xm, x);
        f.ToMontgomery(ym, y);
        c.Field.One.CopyTo(r.Slice(2 * n, n));
        Span<ulong> rhs = stackalloc ulong[n];
        Span<ulong> lhs = stackalloc ulong[n];
        RightHandSide(c, rhs, xm);
        f.Mul(lhs, ym, ym);
        return Natural.Compare(lhs, rhs) == 0;
    }

    /// <summary>rhs = x³ - 3x + b (all in Montgomery form).</summary>
    public static void RightHandSide(EcCurve c, Span<ulong> rhs, ReadOnlySpan<ulong> xm)
    {
        MontgomeryContext f = c.Field;
        int n = c.Limbs;
        Span<ulong> t = stackalloc ulong[n];
        f.Mul(t, xm, xm);
        f.Mul(rhs, t, xm);
        f.AddMod(t, xm, xm);
        f.AddMod(t, t, xm);
        f.SubMod(rhs, rhs, t);
        f.AddMod(rhs, rhs, c.BMont);
    }
}
