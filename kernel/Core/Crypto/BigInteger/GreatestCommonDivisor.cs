using System;
using System.Numerics;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>Greatest common divisor of limb strings (Stein's binary algorithm). Variable-time.</summary>
public static class GreatestCommonDivisor
{
    /// <summary>r = gcd(a, b); r must hold max(a.Length, b.Length) limbs. gcd(0, 0) = 0.</summary>
    public static void Compute(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = Math.Max(a.Length, b.Length);
        ulong[] buf = new ulong[2 * n];
        Span<ulong> u = buf.AsSpan(0, n);
        Span<ulong> v = buf.AsSpan(n, n);
        a.CopyTo(u);
        b.CopyTo(v);
        r.Clear();
        if (Natural.IsZero(u))
        {
            v.CopyTo(r);
            return;
        }

        if (Natural.IsZero(v))
        {
            u.CopyTo(r);
            return;
        }

        int shift = Math.Min(TrailingZeros(u), TrailingZeros(v));
        Natural.ShiftRight(u, u, TrailingZeros(u));
        while (!Natural.IsZero(v))
        {
            Natural.ShiftRight(v, v, TrailingZeros(v));
            if (Natural.Compare(u, v) > 0)
            {
                // Swap so that u <= v.
                for (int i = 0; i < n; i++)
                {
                    ulong t = u[i];
                    u[i] = v[i];
                    v[i] = t;
                }
            }

            Natural.Sub(v, v, u);
        }

        Natural.ShiftLeft(r.Slice(0, n), u, shift);
    }

    private static int TrailingZeros(ReadOnlySpan<ulong> a)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != 0)
            {
                return (i * 64) + BitOperations.TrailingZeroCount(a[i]);
            }
        }

        return 0;
    }
}
