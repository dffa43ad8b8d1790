using System;
using System.Numerics;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>
/// Long division of limb strings (Knuth, TAOCP vol. 2, §4.3.1, Algorithm D) and word-sized
/// remainders.
/// </summary>
/// <remarks>
/// Variable-time: quotient-digit estimation and the add-back step branch on the operands. It is
/// used for key setup (Montgomery constants, CRT parameters) and the TEE BigInt API, never on a
/// private-key operation's data path; those reduce through <see cref="MontgomeryContext.Reduce"/>.
/// </remarks>
public static class Division
{
    /// <summary>Divides the 128-bit value (hi:lo) by d, requiring hi &lt; d; returns the quotient.</summary>
    public static ulong DivideWide(ulong hi, ulong lo, ulong d, out ulong remainder)
    {
        if (hi >= d)
        {
            throw new ArgumentException("quotient overflow");
        }

        const ulong B = 1UL << 32;
        int s = BitOperations.LeadingZeroCount(d);
        d <<= s;
        ulong vn1 = d >> 32;
        ulong vn0 = d & 0xFFFFFFFF;
        ulong un32 = s == 0 ? hi : (hi << s) | (lo >> (64 - s));
        ulong un10 = lo << s;
        ulong un1 = un10 >> 32;
        ulong un0 = un10 & 0xFFFFFFFF;

        ulong q1 = un32 / vn1;
        ulong rhat = un32 - (q1 * vn1);
        while (q1 >= B || q1 * vn0 > (B * rhat) + un1)
        {
            q1--;
            rhat += vn1;
            if (rhat >= B)
            {
                break;
            }
        }

        ulong un21 = (un32 * B) + un1 - (q1 * d);
        ulong q0 = un21 / vn1;
        rhat = un21 - (q0 * vn1);
        while (q0 >= B || q0 * vn0 > (B * rhat) + un0)
        {
            q0--;
            rhat += vn1;
            if (rhat >= B)
            {
                break;
            }
        }

        remainder = ((un21 * B) + un0 - (q0 * d)) >> s;
        return (q1 * B) + q0;
    }

    /// <summary>a mod d for a word divisor below 2^32 (used by trial division in key generation).</summary>
    public static uint ModSmall(ReadOnlySpan<ulong> a, uint d)
    {
        ulong r = 0;
        for (int i = a.Length - 1; i >= 0; i--)
        {
            r = ((r << 32) | (a[i] >> 32)) % d;
            r = ((r << 32) | (a[i] & 0xFFFFFFFF)) % d;
        }

        return (uint)r;
    }

    /// <summary>
    /// q = u / v and r = u mod v. Returns false when v is zero or a buffer is too small
    /// (q needs u.Length limbs, r needs v's significant length); q may be empty to skip it.
    /// </summary>
    public static bool TryDivRem(ReadOnlySpan<ulong> u, ReadOnlySpan<ulong> v, Span<ulong> q, Span<ulong> r)
    {
        int n = Natural.SignificantLimbs(v);
        int m = Natural.SignificantLimbs(u);
        if (n == 0 || r.Length < n || (!q.IsEmpty && q.Length < m))
        {
            return false;
        }

        q.Clear();
        r.Clear();
        if (m < n || Natural.Compare(u.Slice(0, m), v.Slice(0, n)) < 0)
        {
            u.Slice(0, m).CopyTo(r);
            return true;
        }

        if (n == 1)
        {
            ulong rem = 0;
            for (int i = m - 1; i >= 0; i--)
            {
                ulong qi = DivideWide(rem, u[i], v[0], out rem);
                if (!q.IsEmpty)
                {
                    q[i] = qi;
                }
            }

            r[0] = rem;
            return true;
        }

        ulong[] scratch = new ulong[m + 1 + n];
        Span<ulong> un = scratch.AsSpan(0, m + 1);
        Span<ulong> vn = scratch.AsSpan(m + 1, n);
        int s = BitOperations.LeadingZeroCount(v[n - 1]);
        Natural.ShiftLeft(vn, v.Slice(0, n), s);
        Natural.ShiftLeft(un, u.Slice(0, m), s);

        ulong vTop = vn[n - 1];
        ulong vNext = vn[n - 2];
        for (int j = m - n; j >= 0; j--)
        {
            // D3: estimate the quotient digit from the top two dividend limbs.
            ulong qhat;
            ulong rhat;
            bool rhatOverflow = false;
            if (un[j + n] >= vTop)
            {
                qhat = ulong.MaxValue;
                rhat = un[j + n - 1] + vTop;
                rhatOverflow = rhat < vTop;
            }
            else
            {
                qhat = DivideWide(un[j + n], un[j + n - 1], vTop, out rhat);
            }

            while (!rhatOverflow)
            {
                ulong pHi = Math.BigMul(qhat, vNext, out ulong pLo);
                if (pHi < rhat || (pHi == rhat && pLo <= un[j + n - 2]))
                {
                    break;
                }

                qhat--;
                ulong old = rhat;
                rhat += vTop;
                rhatOverflow = rhat < old;
            }

            // D4: multiply and subtract.
            ulong borrow = 0;
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                ulong pLo = Natural.MulAdd2(qhat, vn[i], carry, 0, out carry);
                un[i + j] = Natural.SubBorrow(un[i + j], pLo, ref borrow);
            }

            un[j + n] = Natural.SubBorrow(un[j + n], carry, ref borrow);

            // D6: add back while the partial remainder went negative.
            while (borrow != 0)
            {
                qhat--;
                ulong c = 0;
                for (int i = 0; i < n; i++)
                {
                    un[i + j] = Natural.AddCarry(un[i + j], vn[i], ref c);
                }

                ulong top = un[j + n] + c;
                // A carry out of the top limb cancels the borrow from D4.
                borrow = (c != 0 && top == 0) ? 0UL : 1UL;
                un[j + n] = top;
            }

            if (!q.IsEmpty)
            {
                q[j] = qhat;
            }
        }

        Natural.ShiftRight(r.Slice(0, n), un.Slice(0, n + 1), s);
        return true;
    }
}
