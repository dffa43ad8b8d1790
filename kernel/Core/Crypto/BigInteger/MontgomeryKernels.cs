using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>
/// The inner loops of Montgomery arithmetic over raw limb pointers: multiplication (FIOS),
/// squaring (half the partial products, then a separate reduction) and REDC. Every loop keeps
/// two independent carry chains in flight, because one chain is bound by its latency. Used through
/// <see cref="MontgomeryContext"/>, which checks lengths and provides the scratch buffers.
/// </summary>
/// <remarks>
/// Constant-time: every function here runs the same instruction sequence and touches the same
/// addresses for every operand value of a given limb count n. Carries are materialised with a
/// compare into a flag byte (cmp + setb; <see cref="Lt"/>), never branched on, and the final
/// subtraction is applied under a mask. No .NET construct here has an add-with-carry, so each
/// 64-bit add pays ~4 instructions for its carry; that, not the multiplier, bounds the speed
/// (about 3-4 cycles per 64×64-bit multiply-accumulate).
/// </remarks>
internal static unsafe class MontgomeryKernels
{
    /// <summary>1 when a &lt; b else 0, as cmp + setb (no branch; the JIT does not if-convert in loops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Lt(ulong a, ulong b)
    {
        bool c = a < b;
        // SAFETY: a bool local is one byte holding 0 or 1; reading it as a byte is its value.
        return *(byte*)&c;
    }

    /// <summary>The 128-bit product a·b: high word returned, low word in <paramref name="lo"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mul128(ulong a, ulong b, out ulong lo)
    {
        if (Bmi2.X64.IsSupported)
        {
            // mulx for the high half and imul for the low half keeps both in registers; the
            // out-pointer form of MultiplyNoFlags makes the JIT round-trip the low half via memory.
            lo = a * b;
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        return Math.BigMul(a, b, out lo);
    }

    /// <summary>
    /// r = a·b·R^-1 mod m by FIOS (Koç, Acar, Kaliski 1996: one pass per word of b that
    /// multiplies and reduces together, with separate carry words for a·b_i and q·m).
    /// Requires a·b &lt; m·R; the result is fully reduced. r may alias a or b (written last).
    /// </summary>
    /// <remarks>
    /// Safety: a, b, m and r point to n limbs; t points to n + 1 limbs of scratch (any content).
    /// Invariant: after each round t &lt; 2m, so t[n] ≤ 1.
    /// </remarks>
    internal static void Mul(ulong* r, ulong* a, nint n, ulong m0Inv, ulong* b, ulong* m, ulong* t)
    {
        for (nint j = 0; j <= n; j++)
        {
            t[j] = 0;
        }

        for (nint i = 0; i < n; i++)
        {
            ulong bi = b[i];
            ulong h1 = Mul128(a[0], bi, out ulong l1);
            ulong s = l1 + t[0];
            h1 += Lt(s, l1);
            ulong q = s * m0Inv;
            ulong h2 = Mul128(q, m[0], out ulong l2);
            ulong s2 = s + l2; // ≡ 0 mod 2^64 by the choice of q
            h2 += Lt(s2, s);
            ulong c1 = h1;
            ulong c2 = h2;
            for (nint j = 1; j < n; j++)
            {
                h1 = Mul128(a[j], bi, out l1);
                ulong x = t[j];
                s = l1 + x;
                h1 += Lt(s, x);
                s += c1;
                h1 += Lt(s, c1);
                h2 = Mul128(q, m[j], out l2);
                s2 = s + l2;
                h2 += Lt(s2, l2);
                s2 += c2;
                h2 += Lt(s2, c2);
                t[j - 1] = s2;
                c1 = h1;
                c2 = h2;
            }

            ulong u = t[n] + c1;
            ulong top = Lt(u, c1);
            u += c2;
            top += Lt(u, c2);
            t[n - 1] = u;
            t[n] = top;
        }

        FinalSubtract(r, t, t[n], m, n);
    }

    /// <summary>
    /// w[0..2n) = a², computing each cross product a_i·a_j (i &lt; j) once, doubling by a shift,
    /// then adding the squares a_i² (about n²/2 multiplications instead of n²).
    /// </summary>
    /// <remarks>
    /// Safety: a points to n limbs, w to 2n limbs not overlapping a. The cross-product rows
    /// are taken two at a time (row i+1 one column behind row i) so that two independent carry
    /// chains interleave, as in <see cref="Mul"/>: a single chain is bound by its latency.
    /// </remarks>
    internal static void SquareWide(ulong* w, nint n, ulong* a)
    {
        for (nint k = 0; k < 2 * n; k++)
        {
            w[k] = 0;
        }

        // Rows 0 .. n-2 carry cross products; with an odd number of them, row 0 goes alone.
        nint i = 0;
        if ((n & 1) == 0)
        {
            ulong a0 = a[0];
            ulong c = 0;
            for (nint j = 1; j < n; j++)
            {
                ulong h = Mul128(a[j], a0, out ulong l);
                l += c;
                h += Lt(l, c);
                w[j] = l;
                c = h;
            }

            w[n] = c;
            i = 1;
        }

        for (; i + 1 <= n - 2; i += 2)
        {
            ulong ai = a[i];
            ulong ai1 = a[i + 1];
            ulong* wi = w + i;

            // Columns 2i+1 and 2i+2 have row i only (row i+1 starts at column 2i+3).
            ulong h0 = Mul128(a[i + 1], ai, out ulong l0);
            ulong x = wi[i + 1];
            l0 += x;
            h0 += Lt(l0, x);
            wi[i + 1] = l0;
            ulong c0 = h0;
            h0 = Mul128(a[i + 2], ai, out l0);
            x = wi[i + 2];
            l0 += x;
            h0 += Lt(l0, x);
            l0 += c0;
            h0 += Lt(l0, c0);
            wi[i + 2] = l0;
            c0 = h0;
            ulong c1 = 0;
            for (nint j = i + 3; j < n; j++)
            {
                h0 = Mul128(a[j], ai, out l0);
                x = wi[j];
                l0 += x;
                h0 += Lt(l0, x);
                l0 += c0;
                h0 += Lt(l0, c0);
                ulong h1 = Mul128(a[j - 1], ai1, out ulong l1);
                l1 += l0;
                h1 += Lt(l1, l0);
                l1 += c1;
                h1 += Lt(l1, c1);
                wi[j] = l1;
                c0 = h0;
                c1 = h1;
            }

            // Column i+n: row i's carry and row i+1's last product (no earlier row reached it);
            // column i+n+1: row i+1's carry. a·b + c0 + c1 < 2^128, so nothing is lost.
            ulong hl = Mul128(a[n - 1], ai1, out ulong ll);
            ll += c0;
            hl += Lt(ll, c0);
            ll += c1;
            hl += Lt(ll, c1);
            wi[n] = ll;
            wi[n + 1] = hl;
        }

        // w = 2·w + Σ a_i²·2^(128i): shift the cross products left by one bit on the fly.
        ulong shiftIn = 0;
        ulong carry = 0;
        for (nint k = 0; k < n; k++)
        {
            ulong hi = Mul128(a[k], a[k], out ulong lo);
            ulong w0 = w[2 * k];
            ulong w1 = w[(2 * k) + 1];
            ulong d0 = (w0 << 1) | shiftIn;
            ulong d1 = (w1 << 1) | (w0 >> 63);
            shiftIn = w1 >> 63;
            ulong s0 = d0 + lo;
            ulong cl = Lt(s0, lo);
            s0 += carry;
            cl += Lt(s0, carry);
            ulong s1 = d1 + hi;
            ulong ch = Lt(s1, hi);
            s1 += cl;
            ch += Lt(s1, cl);
            w[2 * k] = s0;
            w[(2 * k) + 1] = s1;
            carry = ch;
        }
    }

    /// <summary>
    /// r = w·R^-1 mod m (Montgomery reduction, REDC) for w &lt; m·R of 2n limbs; w is destroyed.
    /// The result is fully reduced. r may alias w's low half or any other n-limb buffer.
    /// </summary>
    /// <remarks>
    /// Safety: w points to 2n limbs, m and r to n limbs. Rows are reduced two at a time: q for
    /// row i+1 is known once row i has passed column i+1, after which both rows run in one loop
    /// with independent carry chains (row i+1 one column behind).
    /// </remarks>
    internal static void Redc(ulong* r, ulong* w, nint n, ulong m0Inv, ulong* m)
    {
        ulong extra = 0; // carry out of the top word of the previous row (0 or 1)
        nint i = 0;
        if ((n & 1) != 0)
        {
            ulong q = w[0] * m0Inv;
            ulong c = 0;
            for (nint j = 0; j < n; j++)
            {
                ulong h = Mul128(q, m[j], out ulong l);
                ulong x = w[j];
                l += x;
                h += Lt(l, x);
                l += c;
                h += Lt(l, c);
                w[j] = l;
                c = h;
            }

            ulong s = w[n] + c;
            extra = Lt(s, c);
            w[n] = s;
            i = 1;
        }

        for (; i < n; i += 2)
        {
            ulong* wi = w + i;

            // Row i, columns i (which becomes zero) and i+1; then q for row i+1.
            ulong q0 = wi[0] * m0Inv;
            ulong h0 = Mul128(q0, m[0], out ulong l0);
            ulong x = wi[0];
            l0 += x;
            h0 += Lt(l0, x);
            ulong c0 = h0;
            h0 = Mul128(q0, m[1], out l0);
            x = wi[1];
            l0 += x;
            h0 += Lt(l0, x);
            l0 += c0;
            h0 += Lt(l0, c0);
            c0 = h0;
            ulong q1 = l0 * m0Inv;
            ulong h1 = Mul128(q1, m[0], out ulong l1);
            l1 += l0;
            h1 += Lt(l1, l0); // column i+1 becomes zero
            ulong c1 = h1;
            for (nint j = 2; j < n; j++)
            {
                h0 = Mul128(q0, m[j], out l0);
                x = wi[j];
                l0 += x;
                h0 += Lt(l0, x);
                l0 += c0;
                h0 += Lt(l0, c0);
                h1 = Mul128(q1, m[j - 1], out l1);
                l1 += l0;
                h1 += Lt(l1, l0);
                l1 += c1;
                h1 += Lt(l1, c1);
                wi[j] = l1;
                c0 = h0;
                c1 = h1;
            }

            // Column i+n: row i's top (with the previous rows' carry), under row i+1's last product.
            ulong t = wi[n] + c0;
            ulong cy0 = Lt(t, c0);
            t += extra;
            cy0 += Lt(t, extra);
            h1 = Mul128(q1, m[n - 1], out l1);
            l1 += t;
            h1 += Lt(l1, t);
            l1 += c1;
            h1 += Lt(l1, c1);
            wi[n] = l1;

            // Column i+n+1: row i+1's top, plus row i's carry.
            ulong s = wi[n + 1] + h1;
            ulong cy1 = Lt(s, h1);
            s += cy0;
            cy1 += Lt(s, cy0);
            wi[n + 1] = s;
            extra = cy1;
        }

        FinalSubtract(r, w + n, extra, m, n);
    }

    /// <summary>
    /// r = u - m when (top·2^(64n) + u) ≥ m, else u, by a masked choice. Requires the value below 2m.
    /// </summary>
    /// <remarks>Safety: u, m and r point to n limbs; r may equal u or not overlap it.</remarks>
    private static void FinalSubtract(ulong* r, ulong* u, ulong top, ulong* m, nint n)
    {
        // First pass computes only the borrow so that r may alias u.
        ulong borrow = 0;
        for (nint j = 0; j < n; j++)
        {
            ulong x = u[j];
            ulong y = m[j];
            ulong d = x - y;
            borrow = Lt(x, y) | Lt(d, borrow);
        }

        // Keep u when it is below m: the subtraction borrowed and there is no top word.
        ulong keepU = 0UL - (borrow & (top ^ 1));
        ulong sub = ~keepU;
        borrow = 0;
        for (nint j = 0; j < n; j++)
        {
            ulong x = u[j];
            ulong y = m[j] & sub;
            ulong d = x - y;
            ulong d2 = d - borrow;
            borrow = Lt(x, y) | Lt(d, borrow);
            r[j] = d2;
        }
    }
}
