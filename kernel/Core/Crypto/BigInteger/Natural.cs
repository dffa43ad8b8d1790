using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>
/// Unsigned arbitrary-precision arithmetic over little-endian spans of 64-bit limbs, into
/// caller-provided buffers. Nothing here allocates.
/// </summary>
/// <remarks>
/// Constant-time: <see cref="Add"/>, <see cref="Sub"/>, <see cref="Mul"/>,
/// <see cref="MulAddWord"/>, <see cref="Select"/>, <see cref="ConditionalSub"/>,
/// <see cref="CompareConstantTime"/> and the byte conversions run the same instruction sequence
/// for every value of a given length (carries are computed arithmetically, never branched on).
/// <see cref="Compare"/> and <see cref="BitLength"/> are variable-time: use them on public data.
/// </remarks>
public static class Natural
{
    /// <summary>Adds with carry: returns the low word of <paramref name="a"/> + <paramref name="b"/> + <paramref name="carry"/>; updates carry (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong r = a + b + carry;
        carry = CarryOut(a, b, r);
        return r;
    }

    /// <summary>Subtracts with borrow: returns the low word of <paramref name="a"/> - <paramref name="b"/> - <paramref name="borrow"/>; updates borrow (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong r = a - b - borrow;
        borrow = BorrowOut(a, b, r);
        return r;
    }

    /// <summary>
    /// Carry out of the top bit of s = x + y (+ carry-in), as 0 or 1, by bit logic rather than a
    /// comparison: the JIT does not if-convert comparisons inside loops, and a branch on a carry
    /// would be both slow (mispredicted) and secret-dependent (Hacker's Delight §2-13).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CarryOut(ulong x, ulong y, ulong s) => ((x & y) | ((x | y) & ~s)) >> 63;

    /// <summary>Borrow out of the top bit of d = x - y (- borrow-in), as 0 or 1, by bit logic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong BorrowOut(ulong x, ulong y, ulong d) => ((~x & y) | ((~x | y) & d)) >> 63;

    /// <summary>Computes a*b + c + d as a 128-bit value (never overflows); returns the low word, high word in <paramref name="hi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd2(ulong a, ulong b, ulong c, ulong d, out ulong hi)
    {
        ulong h = Math.BigMul(a, b, out ulong lo);
        ulong l1 = lo + c;
        h += CarryOut(lo, c, l1);
        ulong l2 = l1 + d;
        h += CarryOut(l1, d, l2);
        hi = h;
        return l2;
    }

    /// <summary>r = a + b over r.Length limbs (a and b are zero-extended); returns the carry out.</summary>
    public static ulong Add(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong carry = 0;
        for (int i = 0; i < r.Length; i++)
        {
            ulong x = i < a.Length ? a[i] : 0;
            ulong y = i < b.Length ? b[i] : 0;
            r[i] = AddCarry(x, y, ref carry);
        }

        return carry;
    }

    /// <summary>r = a - b over r.Length limbs (a and b are zero-extended); returns the borrow out.</summary>
    public static ulong Sub(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong borrow = 0;
        for (int i = 0; i < r.Length; i++)
        {
            ulong x = i < a.Length ? a[i] : 0;
            ulong y = i < b.Length ? b[i] : 0;
            r[i] = SubBorrow(x, y, ref borrow);
        }

        return borrow;
    }

    /// <summary>r = a * b; r.Length must be at least a.Length + b.Length and must not overlap a or b.</summary>
    public static void Mul(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (r.Length < a.Length + b.Length)
        {
            throw new ArgumentException("product buffer too small");
        }

        r.Clear();
        for (int i = 0; i < b.Length; i++)
        {
            ulong carry = 0;
            ulong bi = b[i];
            for (int j = 0; j < a.Length; j++)
            {
                r[i + j] = MulAdd2(a[j], bi, r[i + j], carry, out carry);
            }

            r[i + a.Length] = carry;
        }
    }

    /// <summary>r += a * w over r.Length limbs (a zero-extended); returns the carry word.</summary>
    public static ulong MulAddWord(Span<ulong> r, ReadOnlySpan<ulong> a, ulong w)
    {
        ulong carry = 0;
        for (int i = 0; i < r.Length; i++)
        {
            ulong x = i < a.Length ? a[i] : 0;
            r[i] = MulAdd2(x, w, r[i], carry, out carry);
        }

        return carry;
    }

    /// <summary>Variable-time comparison of two values of any lengths: -1, 0 or 1.</summary>
    public static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = Math.Max(a.Length, b.Length);
        for (int i = n - 1; i >= 0; i--)
        {
            ulong x = i < a.Length ? a[i] : 0;
            ulong y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>Constant-time a &lt; b for equal-length values: all-ones mask when less, else zero.</summary>
    public static ulong LessThanMask(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong borrow = 0;
        for (int i = 0; i < a.Length; i++)
        {
            SubBorrow(a[i], b[i], ref borrow);
        }

        return 0UL - borrow;
    }

    /// <summary>Constant-time comparison for equal-length values: -1, 0 or 1, computed without data-dependent branches.</summary>
    public static int CompareConstantTime(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong lt = LessThanMask(a, b) & 1;
        ulong gt = LessThanMask(b, a) & 1;
        return (int)gt - (int)lt;
    }

    /// <summary>Constant-time: all-ones when every limb is zero, else zero.</summary>
    public static ulong IsZeroMask(ReadOnlySpan<ulong> a)
    {
        ulong acc = 0;
        for (int i = 0; i < a.Length; i++)
        {
            acc |= a[i];
        }

        // (acc | -acc) has its top bit set exactly when acc != 0.
        return ((acc | (0UL - acc)) >> 63) - 1;
    }

    /// <summary>Returns true when every limb is zero (variable-time).</summary>
    public static bool IsZero(ReadOnlySpan<ulong> a) => IsZeroMask(a) != 0;

    /// <summary>Constant-time select: r = mask == all-ones ? a : b (mask must be 0 or all-ones).</summary>
    public static void Select(Span<ulong> r, ulong mask, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = (a[i] & mask) | (b[i] & ~mask);
        }
    }

    /// <summary>Constant-time: if mask is all-ones, r -= m (equal lengths); returns the borrow masked.</summary>
    public static ulong ConditionalSub(Span<ulong> r, ReadOnlySpan<ulong> m, ulong mask)
    {
        ulong borrow = 0;
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = SubBorrow(r[i], m[i] & mask, ref borrow);
        }

        return borrow;
    }

    /// <summary>Constant-time: if mask is all-ones, r += m (equal lengths); returns the carry.</summary>
    public static ulong ConditionalAdd(Span<ulong> r, ReadOnlySpan<ulong> m, ulong mask)
    {
        ulong carry = 0;
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = AddCarry(r[i], m[i] & mask, ref carry);
        }

        return carry;
    }

    /// <summary>Number of significant bits (variable-time); 0 for zero.</summary>
    public static int BitLength(ReadOnlySpan<ulong> a)
    {
        for (int i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != 0)
            {
                return (i * 64) + 64 - System.Numerics.BitOperations.LeadingZeroCount(a[i]);
            }
        }

        return 0;
    }

    /// <summary>Number of limbs up to and including the most significant non-zero limb (variable-time).</summary>
    public static int SignificantLimbs(ReadOnlySpan<ulong> a)
    {
        int n = a.Length;
        while (n > 0 && a[n - 1] == 0)
        {
            n--;
        }

        return n;
    }

    /// <summary>Bit <paramref name="index"/> of a (0 when beyond the end).</summary>
    public static ulong GetBit(ReadOnlySpan<ulong> a, int index)
    {
        int limb = index >> 6;
        return limb < a.Length ? (a[limb] >> (index & 63)) & 1 : 0;
    }

    /// <summary>r = a &gt;&gt; bits (r.Length limbs, r may equal a).</summary>
    public static void ShiftRight(Span<ulong> r, ReadOnlySpan<ulong> a, int bits)
    {
        int limbs = bits >> 6;
        int s = bits & 63;
        for (int i = 0; i < r.Length; i++)
        {
            int k = i + limbs;
            ulong lo = k < a.Length ? a[k] : 0;
            ulong hi = k + 1 < a.Length ? a[k + 1] : 0;
            r[i] = s == 0 ? lo : (lo >> s) | (hi << (64 - s));
        }
    }

    /// <summary>r = a &lt;&lt; bits truncated to r.Length limbs; returns nothing lost-check. r must not overlap a unless bits &lt; 64 and r == a.</summary>
    public static void ShiftLeft(Span<ulong> r, ReadOnlySpan<ulong> a, int bits)
    {
        int limbs = bits >> 6;
        int s = bits & 63;
        for (int i = r.Length - 1; i >= 0; i--)
        {
            int k = i - limbs;
            ulong hi = k >= 0 && k < a.Length ? a[k] : 0;
            ulong lo = k - 1 >= 0 && k - 1 < a.Length ? a[k - 1] : 0;
            r[i] = s == 0 ? hi : (hi << s) | (lo >> (64 - s));
        }
    }

    /// <summary>
    /// Reads a big-endian unsigned byte string into r (zero-extended). Returns false, leaving r
    /// unchanged, when the value does not fit in r.
    /// </summary>
    public static bool TryFromBigEndian(Span<ulong> r, ReadOnlySpan<byte> bytes)
    {
        int start = 0;
        while (start < bytes.Length && bytes[start] == 0)
        {
            start++;
        }

        if (bytes.Length - start > r.Length * 8)
        {
            return false;
        }

        ReadBigEndianLimbs(r, bytes, bytes.Length - start);
        return true;
    }

    /// <summary>
    /// r = the low <paramref name="count"/> bytes of the big-endian string <paramref name="bytes"/>
    /// (r cleared first; whole limbs are read eight bytes at a time). Requires count ≤ 8·r.Length
    /// and count ≤ bytes.Length. Constant-time for given lengths.
    /// </summary>
    private static void ReadBigEndianLimbs(Span<ulong> r, ReadOnlySpan<byte> bytes, int count)
    {
        r.Clear();
        int whole = count >> 3;
        for (int k = 0; k < whole; k++)
        {
            r[k] = BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(bytes.Length - (8 * (k + 1)), 8));
        }

        for (int i = whole * 8; i < count; i++)
        {
            byte v = bytes[bytes.Length - 1 - i];
            r[i >> 3] |= (ulong)v << ((i & 7) * 8);
        }
    }

    /// <summary>
    /// Constant-time in the value: reads exactly bytes.Length big-endian bytes into r, which
    /// must hold at least ceil(bytes.Length / 8) limbs (the rest is cleared).
    /// </summary>
    public static void FromBigEndianFixed(Span<ulong> r, ReadOnlySpan<byte> bytes)
    {
        if (r.Length * 8 < bytes.Length)
        {
            throw new ArgumentException("limb buffer too small");
        }

        ReadBigEndianLimbs(r, bytes, bytes.Length);
    }

    /// <summary>
    /// Writes a as exactly output.Length big-endian bytes. Returns false (output cleared) when
    /// the value needs more bytes. Constant-time in the value apart from that outcome.
    /// </summary>
    public static bool TryToBigEndian(ReadOnlySpan<ulong> a, Span<byte> output)
    {
        ulong overflow = 0;
        for (int i = output.Length; i < a.Length * 8; i++)
        {
            overflow |= (a[i >> 3] >> ((i & 7) * 8)) & 0xFF;
        }

        if (overflow != 0)
        {
            output.Clear();
            return false;
        }

        // Whole limbs eight bytes at a time, then the remaining (high, possibly zero) bytes.
        int whole = Math.Min(output.Length >> 3, a.Length);
        for (int k = 0; k < whole; k++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(output.Slice(output.Length - (8 * (k + 1)), 8), a[k]);
        }

        for (int i = whole * 8; i < output.Length; i++)
        {
            int limb = i >> 3;
            output[output.Length - 1 - i] = limb < a.Length ? (byte)(a[limb] >> ((i & 7) * 8)) : (byte)0;
        }

        return true;
    }

    /// <summary>Clears secret material (a loop the JIT keeps: spans are observable memory).</summary>
    public static void Wipe(Span<ulong> a) => a.Clear();
}
