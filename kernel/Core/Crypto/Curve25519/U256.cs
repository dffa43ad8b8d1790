using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// A 256-bit unsigned integer in four 64-bit limbs held in registers, for the public-data
/// arithmetic of <see cref="VerificationLattice"/> (no spans, so no bounds checks in its loop).
/// Variable-time; callers guarantee results fit (no overflow is detected).
/// </summary>
internal struct U256
{
    public ulong W0;
    public ulong W1;
    public ulong W2;
    public ulong W3;

    public U256(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        W0 = w0;
        W1 = w1;
        W2 = w2;
        W3 = w3;
    }

    public readonly bool IsZero => (W0 | W1 | W2 | W3) == 0;

    /// <summary>Number of significant bits (0 for zero).</summary>
    public readonly int BitLength =>
        W3 != 0 ? 256 - BitOperations.LeadingZeroCount(W3)
        : W2 != 0 ? 192 - BitOperations.LeadingZeroCount(W2)
        : W1 != 0 ? 128 - BitOperations.LeadingZeroCount(W1)
        : 64 - BitOperations.LeadingZeroCount(W0);

    public readonly int CompareTo(in U256 y)
    {
        if (W3 != y.W3)
        {
            return W3 < y.W3 ? -1 : 1;
        }

        if (W2 != y.W2)
        {
            return W2 < y.W2 ? -1 : 1;
        }

        if (W1 != y.W1)
        {
            return W1 < y.W1 ? -1 : 1;
        }

        return W0 == y.W0 ? 0 : W0 < y.W0 ? -1 : 1;
    }

    public readonly void CopyTo(Span<ulong> r)
    {
        r[3] = W3;
        r[0] = W0;
        r[1] = W1;
        r[2] = W2;
    }

    /// <summary>The limb at index i (0..3), zero above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Limb(int i) => i switch
    {
        0 => W0,
        1 => W1,
        2 => W2,
        3 => W3,
        _ => 0,
    };

    /// <summary>The 64 bits starting at bit s (s ≥ 0; bits beyond the top read as zero).</summary>
    public readonly ulong Bits64(int s)
    {
        int limb = s >> 6;
        int bit = s & 63;
        ulong lo = Limb(limb) >> bit;
        return bit == 0 ? lo : lo | (Limb(limb + 1) << (64 - bit));
    }

    /// <summary>This value times 2^s (result known to fit).</summary>
    public readonly U256 ShiftLeft(int s)
    {
        int limbs = s >> 6;
        int bit = s & 63;
        U256 r;
        r.W0 = Shifted(0 - limbs, bit);
        r.W1 = Shifted(1 - limbs, bit);
        r.W2 = Shifted(2 - limbs, bit);
        r.W3 = Shifted(3 - limbs, bit);
        return r;
    }

    private readonly ulong Shifted(int from, int bit)
    {
        if (from < 0)
        {
            return 0;
        }

        ulong v = Limb(from) << bit;
        return bit == 0 || from == 0 ? v : v | (Limb(from - 1) >> (64 - bit));
    }

    /// <summary>this = this + y (sum known to fit).</summary>
    public void Add(in U256 y)
    {
        ulong c = 0;
        W0 = AddCarry(W0, y.W0, ref c);
        W1 = AddCarry(W1, y.W1, ref c);
        W2 = AddCarry(W2, y.W2, ref c);
        W3 = AddCarry(W3, y.W3, ref c);
    }

    /// <summary>this = this − y for y ≤ this.</summary>
    public void Subtract(in U256 y)
    {
        ulong b = 0;
        W0 = SubBorrow(W0, y.W0, ref b);
        W1 = SubBorrow(W1, y.W1, ref b);
        W2 = SubBorrow(W2, y.W2, ref b);
        W3 = SubBorrow(W3, y.W3, ref b);
    }

    /// <summary>this = this + q·y (result known to fit).</summary>
    public void MultiplyAdd(in U256 y, ulong q)
    {
        ulong c = 0;
        W0 = MulAddStep(W0, y.W0, q, ref c);
        W1 = MulAddStep(W1, y.W1, q, ref c);
        W2 = MulAddStep(W2, y.W2, q, ref c);
        W3 = MulAddStep(W3, y.W3, q, ref c);
    }

    /// <summary>this = this − q·y for q·y ≤ this.</summary>
    public void MultiplySubtract(in U256 y, ulong q)
    {
        ulong c = 0;
        ulong b = 0;
        W0 = SubBorrow(W0, MulStep(y.W0, q, ref c), ref b);
        W1 = SubBorrow(W1, MulStep(y.W1, q, ref c), ref b);
        W2 = SubBorrow(W2, MulStep(y.W2, q, ref c), ref b);
        W3 = SubBorrow(W3, MulStep(y.W3, q, ref c), ref b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry(ulong x, ulong y, ref ulong carry)
    {
        ulong s = x + y;
        ulong c1 = s < x ? 1UL : 0UL;
        ulong s2 = s + carry;
        carry = c1 | (s2 < s ? 1UL : 0UL);
        return s2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubBorrow(ulong x, ulong y, ref ulong borrow)
    {
        ulong d = x - y;
        ulong b1 = d > x ? 1UL : 0UL;
        ulong d2 = d - borrow;
        borrow = b1 | (d2 > d ? 1UL : 0UL);
        return d2;
    }

    /// <summary>Low limb of y·q + carry; carry takes the high limb (never overflows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulStep(ulong y, ulong q, ref ulong carry)
    {
        ulong hi = Math.BigMul(y, q, out ulong lo);
        lo += carry;
        carry = hi + (lo < carry ? 1UL : 0UL);
        return lo;
    }

    /// <summary>Low limb of x + y·q + carry; carry takes the high limb (at most 2^64 − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAddStep(ulong x, ulong y, ulong q, ref ulong carry)
    {
        ulong hi = Math.BigMul(y, q, out ulong lo);
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        ulong s = x + lo;
        carry = hi + (s < lo ? 1UL : 0UL);
        return s;
    }
}
