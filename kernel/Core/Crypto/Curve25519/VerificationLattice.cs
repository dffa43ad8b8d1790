using System;
using System.Runtime.CompilerServices;

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
[SkipLocalsInit]
public static class VerificationLattice
{
    /// <summary>Magnitudes at or above 2^252 could be multiples of L; they are never chosen.</summary>
    private const int MaxV0Bits = 252;

    /// <summary>
    /// Writes |v0| into v0 and v1 into v1 (4 limbs each) for a reduced challenge k &lt; L (4 limbs).
    /// Returns true when v0 is negative. The result always satisfies the contract in the remarks.
    /// </summary>
    public static bool Split(ReadOnlySpan<ulong> k, Span<ulong> v0, Span<ulong> v1)
    {
        // (a, ta) = (r_(i-1), |t_(i-1)|), (b, tb) = (r_i, |t_i|); t_i > 0 exactly for odd i.
        // r_0 = 8L, t_0 = 0; r_1 = k, t_1 = 1.
        U256 a = new U256(0xC09318D2E7AE9F68, 0xA6F7CEF517BCE6B2, 0, 0x8000000000000000);
        U256 ta = default;
        U256 b = new U256(k[0], k[1], k[2], k[3]);
        U256 tb = new U256(1, 0, 0, 0);
        U256 kk = b;
        int index = 1;
        while (b.BitLength > 128)
        {
            DivideStep(ref a, ref ta, b, tb);
            U256 swap = a;
            a = b;
            b = swap;
            swap = ta;
            ta = tb;
            tb = swap;
            index++;
        }

        // Fallback candidate: (1, k), exact for any k.
        Candidate best = new Candidate(new U256(1, 0, 0, 0), kk, 1);
        int bestCost = Math.Max(kk.BitLength, 1);
        if ((tb.W0 & 1) != 0)
        {
            Consider(tb, b, index, ref best, ref bestCost);
        }
        else
        {
            // t_(i-1) and t_(i+1) are odd; r_(i+1) = r_(i-1) mod r_i, |t_(i+1)| = |t_(i-1)| + q·|t_i|.
            // b is not zero here: r_i = 0 would make r_(i-1) = gcd(8L, k) ≤ 8, below the stop.
            Consider(ta, a, index - 1, ref best, ref bestCost);
            if (!b.IsZero)
            {
                DivideStep(ref a, ref ta, b, tb);
                Consider(ta, a, index + 1, ref best, ref bestCost);
            }
        }

        best.T.CopyTo(v0);
        best.R.CopyTo(v1);
        return (best.Index & 1) == 0;
    }

    /// <summary>Takes (±t, r) when t is odd, short enough, and shorter than the best so far.</summary>
    private static void Consider(in U256 t, in U256 r, int index, ref Candidate best, ref int bestCost)
    {
        int tBits = t.BitLength;
        if ((t.W0 & 1) == 0 || tBits > MaxV0Bits)
        {
            return;
        }

        int cost = Math.Max(tBits, r.BitLength);
        if (cost < bestCost)
        {
            bestCost = cost;
            best = new Candidate(t, r, index);
        }
    }

    /// <summary>
    /// a = a mod b and ta = ta + (a div b)·tb, for b ≠ 0. Each round subtracts a multiple of b
    /// that never exceeds the true quotient: floor(a_hi / (b_hi + 1)) from the top 64 bits of a
    /// and the same bits of b, or a power-of-two multiple when b is 64 bits shorter than a.
    /// </summary>
    private static void DivideStep(ref U256 a, ref U256 ta, in U256 b, in U256 tb)
    {
        int nb = b.BitLength;
        while (a.CompareTo(b) >= 0)
        {
            int na = a.BitLength;
            int s = Math.Max(na - 64, 0);
            ulong aHi = a.Bits64(s);
            ulong bHi = b.Bits64(s);
            if (bHi == 0)
            {
                // The quotient is at least 2^63: subtract b·2^(na-nb-1) ≤ a.
                int sh = na - nb - 1;
                a.Subtract(b.ShiftLeft(sh));
                ta.Add(tb.ShiftLeft(sh));
                continue;
            }

            // a ≥ aHi·2^s and b < (bHi+1)·2^s, so q ≤ a / b; a ≥ b makes q = 1 safe when the estimate is 0.
            ulong q = bHi == ulong.MaxValue ? 1 : aHi / (bHi + 1);
            if (q == 0)
            {
                q = 1;
            }

            a.MultiplySubtract(b, q);
            ta.MultiplyAdd(tb, q);
        }
    }

    private readonly struct Candidate
    {
        public readonly U256 T;
        public readonly U256 R;
        public readonly int Index;

        public Candidate(in U256 t, in U256 r, int index)
        {
            T = t;
            R = r;
            Index = index;
        }
    }
}
