using System;
using System.Numerics;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Shortens the scalar of an Ed25519 verification: for the challenge k, finds v0 (odd, below
/// 2^252 in magnitude) and v1 ≥ 0 with v0·k ≡ v1 (mod 8L), both typically about 128 bits.
/// </summary>
/// <remarks>
/// <para>
/// Why 8L and an odd v0: the verification equation is P = [S]B − R − [k]A = 0. Multiplied by v0,
/// [v0]P = [v0·S mod L]B − [v0]R − [v1]A holds for every curve point A, because the group has
/// order 8L (B alone has order L). v0 is odd and not a multiple of L, so it is invertible modulo
/// every point order, and [v0]P = 0 exactly when P = 0: the half-length check decides precisely
/// the cofactorless equation, small-order components of A and R included. (BouncyCastle reduces
/// modulo L instead, which is exact only for A of prime order.)
/// </para>
/// <para>
/// The pair comes from the extended Euclidean algorithm on (8L, k) stopped at the first
/// remainder below 2^128 (the half-GCD of Lagrange reduction): with remainders r_i and cofactors
/// t_i (r_i ≡ t_i·k), r_(i-1)·|t_i| + r_i·|t_(i-1)| = 8L, so |t_i| &lt; 8L / 2^128 &lt; 2^128. When t_i
/// is even its neighbours are odd (consecutive cofactors are coprime) and the shorter of them is
/// taken. The trivial pair (1, k) is always a candidate, so a pathological k costs time, never
/// correctness. Variable-time: k is public.
/// </para>
/// </remarks>
public static class VerificationLattice
{
    /// <summary>Limbs of every value here (little-endian, 64-bit).</summary>
    public const int Limbs = 4;

    // 8L, little-endian limbs.
    private const ulong N0 = 0xC09318D2E7AE9F68;
    private const ulong N1 = 0xA6F7CEF517BCE6B2;
    private const ulong N3 = 0x8000000000000000;

    /// <summary>Magnitudes at or above 2^252 could be multiples of L; they are never chosen.</summary>
    private const int MaxV0Bits = 252;

    /// <summary>
    /// Writes |v0| into v0 and v1 into v1 (4 limbs each) for a reduced challenge k &lt; L (4 limbs).
    /// Returns true when v0 is negative. The result always satisfies the contract in the remarks.
    /// </summary>
    public static bool Split(ReadOnlySpan<ulong> k, Span<ulong> v0, Span<ulong> v1)
    {
        Span<ulong> a = stackalloc ulong[Limbs];
        Span<ulong> ta = stackalloc ulong[Limbs];
        Span<ulong> b = stackalloc ulong[Limbs];
        Span<ulong> tb = stackalloc ulong[Limbs];
        a[0] = N0;
        a[1] = N1;
        a[2] = 0;
        a[3] = N3;
        ta.Clear();
        k.Slice(0, Limbs).CopyTo(b);
        tb.Clear();
        tb[0] = 1;

        // (a, ta) = (r_(i-1), |t_(i-1)|), (b, tb) = (r_i, |t_i|); t_i > 0 exactly for odd i.
        int index = 1;
        while (BitLength(b) > 128)
        {
            DivideStep(a, ta, b, tb);
            Span<ulong> swap = a;
            a = b;
            b = swap;
            swap = ta;
            ta = tb;
            tb = swap;
            index++;
        }

        // Fallback candidate: (1, k), exact for any k.
        v0.Slice(0, Limbs).Clear();
        v0[0] = 1;
        k.Slice(0, Limbs).CopyTo(v1);
        bool negative = false;
        int best = Math.Max(BitLength(k), 1);

        if ((tb[0] & 1) != 0)
        {
            Consider(tb, b, index, v0, v1, ref best, ref negative);
        }
        else
        {
            // t_(i-1) and t_(i+1) are odd; r_(i+1) = r_(i-1) mod r_i, |t_(i+1)| = |t_(i-1)| + q·|t_i|.
            // b is not zero here: r_i = 0 would make r_(i-1) = gcd(8L, k) ≤ 8, below the stop.
            Consider(ta, a, index - 1, v0, v1, ref best, ref negative);
            if (!IsZero(b))
            {
                DivideStep(a, ta, b, tb);
                Consider(ta, a, index + 1, v0, v1, ref best, ref negative);
            }
        }

        a.Clear();
        b.Clear();
        ta.Clear();
        tb.Clear();
        return negative;
    }

    /// <summary>Takes (±t, r) when t is odd, short enough, and shorter than the best so far.</summary>
    private static void Consider(ReadOnlySpan<ulong> t, ReadOnlySpan<ulong> r, int index, Span<ulong> v0, Span<ulong> v1, ref int best, ref bool negative)
    {
        int tBits = BitLength(t);
        if ((t[0] & 1) == 0 || tBits > MaxV0Bits)
        {
            return;
        }

        int cost = Math.Max(tBits, BitLength(r));
        if (cost >= best)
        {
            return;
        }

        best = cost;
        t.Slice(0, Limbs).CopyTo(v0);
        r.Slice(0, Limbs).CopyTo(v1);
        negative = (index & 1) == 0;
    }

    /// <summary>
    /// a = a mod b and ta = ta + (a div b)·tb, for b ≠ 0. Each round subtracts a multiple of b
    /// that never exceeds the true quotient: floor(a_hi / (b_hi + 1)) from the top 64 bits of a
    /// and the same bits of b, or a power-of-two multiple when b is 64 bits shorter than a.
    /// </summary>
    private static void DivideStep(Span<ulong> a, Span<ulong> ta, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> tb)
    {
        int nb = BitLength(b);
        Span<ulong> shifted = stackalloc ulong[Limbs];
        while (Compare(a, b) >= 0)
        {
            int na = BitLength(a);
            int s = Math.Max(na - 64, 0);
            ulong aHi = ShiftRight64(a, s);
            ulong bHi = ShiftRight64(b, s);
            if (bHi == 0)
            {
                // The quotient is at least 2^63: subtract b·2^(na-nb-1) ≤ a.
                int sh = na - nb - 1;
                ShiftLeft(b, sh, shifted);
                Subtract(a, shifted);
                ShiftLeft(tb, sh, shifted);
                Add(ta, shifted);
                continue;
            }

            // a ≥ aHi·2^s and b < (bHi+1)·2^s, so q ≤ a / b; a ≥ b makes q = 1 safe when the estimate is 0.
            ulong q = bHi == ulong.MaxValue ? 1 : aHi / (bHi + 1);
            if (q == 0)
            {
                q = 1;
            }

            MultiplySubtract(a, b, q);
            MultiplyAdd(ta, tb, q);
        }
    }

    /// <summary>Number of significant bits (0 for zero).</summary>
    public static int BitLength(ReadOnlySpan<ulong> x)
    {
        for (int i = Limbs - 1; i >= 0; i--)
        {
            if (x[i] != 0)
            {
                return (64 * i) + 64 - BitOperations.LeadingZeroCount(x[i]);
            }
        }

        return 0;
    }

    private static bool IsZero(ReadOnlySpan<ulong> x) => (x[0] | x[1] | x[2] | x[3]) == 0;

    private static int Compare(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        for (int i = Limbs - 1; i >= 0; i--)
        {
            if (x[i] != y[i])
            {
                return x[i] < y[i] ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>The 64 bits of x starting at bit s (s ≥ 0; bits beyond the top read as zero).</summary>
    private static ulong ShiftRight64(ReadOnlySpan<ulong> x, int s)
    {
        int limb = s >> 6;
        int bit = s & 63;
        ulong lo = x[limb] >> bit;
        if (bit != 0 && limb + 1 < Limbs)
        {
            lo |= x[limb + 1] << (64 - bit);
        }

        return lo;
    }

    /// <summary>r = x·2^s, for a result known to fit in 4 limbs.</summary>
    private static void ShiftLeft(ReadOnlySpan<ulong> x, int s, Span<ulong> r)
    {
        int limbs = s >> 6;
        int bit = s & 63;
        for (int i = Limbs - 1; i >= 0; i--)
        {
            int from = i - limbs;
            ulong v = from >= 0 ? x[from] << bit : 0;
            if (bit != 0 && from - 1 >= 0)
            {
                v |= x[from - 1] >> (64 - bit);
            }

            r[i] = v;
        }
    }

    /// <summary>x = x − y for y ≤ x.</summary>
    private static void Subtract(Span<ulong> x, ReadOnlySpan<ulong> y)
    {
        ulong borrow = 0;
        for (int i = 0; i < Limbs; i++)
        {
            ulong d = x[i] - y[i];
            ulong b1 = d > x[i] ? 1UL : 0UL;
            ulong d2 = d - borrow;
            ulong b2 = d2 > d ? 1UL : 0UL;
            x[i] = d2;
            borrow = b1 | b2;
        }
    }

    /// <summary>x = x + y, for a sum known to fit in 4 limbs.</summary>
    private static void Add(Span<ulong> x, ReadOnlySpan<ulong> y)
    {
        ulong carry = 0;
        for (int i = 0; i < Limbs; i++)
        {
            ulong s = x[i] + y[i];
            ulong c1 = s < x[i] ? 1UL : 0UL;
            ulong s2 = s + carry;
            ulong c2 = s2 < s ? 1UL : 0UL;
            x[i] = s2;
            carry = c1 | c2;
        }
    }

    /// <summary>x = x − q·y for q·y ≤ x.</summary>
    private static void MultiplySubtract(Span<ulong> x, ReadOnlySpan<ulong> y, ulong q)
    {
        ulong carry = 0;   // product carry
        ulong borrow = 0;
        for (int i = 0; i < Limbs; i++)
        {
            ulong hi = Math.BigMul(y[i], q, out ulong lo);
            lo += carry;
            hi += lo < carry ? 1UL : 0UL;
            carry = hi;
            ulong d = x[i] - lo;
            ulong b1 = d > x[i] ? 1UL : 0UL;
            ulong d2 = d - borrow;
            ulong b2 = d2 > d ? 1UL : 0UL;
            x[i] = d2;
            borrow = b1 | b2;
        }
    }

    /// <summary>x = x + q·y, for a result known to fit in 4 limbs.</summary>
    private static void MultiplyAdd(Span<ulong> x, ReadOnlySpan<ulong> y, ulong q)
    {
        ulong carry = 0;
        for (int i = 0; i < Limbs; i++)
        {
            ulong hi = Math.BigMul(y[i], q, out ulong lo);
            lo += carry;
            hi += lo < carry ? 1UL : 0UL;
            ulong s = x[i] + lo;
            hi += s < lo ? 1UL : 0UL;
            x[i] = s;
            carry = hi;
        }
    }
}
