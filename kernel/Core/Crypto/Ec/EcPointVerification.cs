using System;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>Variable-time point arithmetic for signature verification (public inputs only).</summary>
public static class EcPointVerification
{
    /// <summary>
    /// r = u1·G + u2·Q by interleaved 4-bit windows (Straus/Shamir): one shared chain of
    /// doublings, additions skipped for zero digits. Variable-time: u1, u2 and Q are public.
    /// </summary>
    public static void DoubleScalarMul(EcCurve c, Span<ulong> r, ReadOnlySpan<ulong> u1, ReadOnlySpan<ulong> q, ReadOnlySpan<ulong> u2)
    {
        const int Window = 4;
        const int Entries = 1 << Window;
        int n = c.Limbs;
        int w = 3 * n;
        Span<ulong> tg = stackalloc ulong[Entries * w];
        Span<ulong> tq = stackalloc ulong[Entries * w];
        BuildTable(c, tg, c.Generator);
        BuildTable(c, tq, q);
        Span<ulong> acc = stackalloc ulong[w];
        EcPointArithmetic.SetInfinity(c, acc);
        bool started = false;
        for (int bit = (n * 64) - Window; bit >= 0; bit -= Window)
        {
            if (started)
            {
                for (int j = 0; j < Window; j++)
                {
                    EcPointArithmetic.Double(c, acc, acc);
                }
            }

            int i1 = (int)((u1[bit >> 6] >> (bit & 63)) & (Entries - 1));
            int i2 = (int)((u2[bit >> 6] >> (bit & 63)) & (Entries - 1));
            if (i1 != 0)
            {
                EcPointArithmetic.Add(c, acc, acc, tg.Slice(i1 * w, w));
                started = true;
            }

            if (i2 != 0)
            {
                EcPointArithmetic.Add(c, acc, acc, tq.Slice(i2 * w, w));
                started = true;
            }
        }

        acc.CopyTo(r.Slice(0, w));
    }

    private static void BuildTable(EcCurve c, Span<ulong> table, ReadOnlySpan<ulong> p)
    {
        int w = 3 * c.Limbs;
        EcPointArithmetic.SetInfinity(c, table.Slice(0, w));
        p.Slice(0, w).CopyTo(table.Slice(w, w));
        for (int i = 2; i < 16; i++)
        {
            if ((i & 1) == 0)
            {
                EcPointArithmetic.Double(c, table.Slice(i * w, w), table.Slice((i / 2) * w, w));
            }
            else
            {
                EcPointArithmetic.Add(c, table.Slice(i * w, w), table.Slice((i - 1) * w, w), p);
            }
        }
    }
}
