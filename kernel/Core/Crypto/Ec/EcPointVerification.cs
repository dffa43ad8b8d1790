using System;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>Variable-time point arithmetic for signature verification (public inputs only).</summary>
public static class EcPointVerification
{
    private const int QWidth = 5;
    private const int QEntries = 1 << (QWidth - 2);

    /// <summary>
    /// r = u1·G + u2·Q. u1·G uses the fixed-base table shared with signing (one addition per
    /// non-zero 4-bit digit, no doublings); u2·Q uses a width-5 NAF (8 odd multiples, one
    /// doubling per bit, an addition every ~6 bits). Variable-time: u1, u2 and Q are public.
    /// </summary>
    public static void DoubleScalarMul(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> u1, ReadOnlySpan<ulong> q, ReadOnlySpan<ulong> u2)
    {
        int n = c.Limbs;
        int w = 3 * n;

        // u2·Q over its NAF digits, most significant first.
        Span<sbyte> naf = stackalloc sbyte[(n * 64) + 1];
        NonAdjacentForm.Recode(u2, QWidth, naf);
        Span<ulong> tq = stackalloc ulong[QEntries * w];
        Span<ulong> twoQ = stackalloc ulong[w];
        q.Slice(0, w).CopyTo(tq.Slice(0, w));
        EcPointArithmetic.Double(c, twoQ, q);
        for (int i = 1; i < QEntries; i++)
        {
            EcPointArithmetic.Add(c, tq.Slice(i * w, w), tq.Slice((i - 1) * w, w), twoQ);
        }

        Span<ulong> acc = stackalloc ulong[w];
        Span<ulong> neg = stackalloc ulong[w];
        EcPointArithmetic.SetInfinity(c, acc);
        bool started = false;
        for (int i = naf.Length - 1; i >= 0; i--)
        {
            if (started)
            {
                EcPointArithmetic.Double(c, acc, acc);
            }

            int d = naf[i];
            if (d > 0)
            {
                EcPointArithmetic.Add(c, acc, acc, tq.Slice((d >> 1) * w, w));
                started = true;
            }
            else if (d < 0)
            {
                NegatePoint(c, neg, tq.Slice((-d >> 1) * w, w));
                EcPointArithmetic.Add(c, acc, acc, neg);
                started = true;
            }
        }

        // + u1·G from the fixed-base table: entry [i][j] = j·16^i·G.
        ulong[] table = EcPointArithmetic.GeneratorTableOf(c);
        int windows = n * 16;
        for (int i = 0; i < windows; i++)
        {
            int bit = i * 4;
            int idx = (int)((u1[bit >> 6] >> (bit & 63)) & 0xF);
            if (idx != 0)
            {
                EcPointArithmetic.Add(c, acc, acc, table.AsSpan(((i * 16) + idx) * w, w));
            }
        }

        acc.CopyTo(r.Slice(0, w));
    }

    /// <summary>r = -p: (X : -Y : Z).</summary>
    private static void NegatePoint(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> p)
    {
        int n = c.Limbs;
        p.Slice(0, 3 * n).CopyTo(r);
        Span<ulong> zero = stackalloc ulong[n];
        zero.Clear();
        c.Field.SubMod(r.Slice(n, n), zero, p.Slice(n, n));
    }
}
