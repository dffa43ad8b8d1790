using System;
using System.Runtime.CompilerServices;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Arithmetic in GF(2^255 - 19) in radix 2^51: five 64-bit limbs (little-endian spans of length
/// <see cref="Limbs"/>). Every function returns limbs below 2^51 + 2^14 ("weakly reduced") and
/// accepts such limbs; <see cref="Freeze"/> gives the canonical form.
/// </summary>
/// <remarks>
/// Why radix 2^51: 64-bit limbs leave 13 bits of headroom, so additions and subtractions need no
/// carry chain, and each 102-bit product is split at bit 51 into a low part (&lt; 2^51) and a
/// high part (&lt; 2^60): five of each sum without overflow, so multiplication needs no
/// add-with-carry either (which .NET cannot express). 2^255 ≡ 19 folds the top limb back.
/// Constant-time: every function runs a fixed sequence of operations (no data-dependent branch
/// or index); carries are shifts and masks. Every function allows the result to alias an operand.
/// </remarks>
public static class Field25519
{
    /// <summary>Limbs per element.</summary>
    public const int Limbs = 5;

    private const ulong Mask = (1UL << 51) - 1;

    // 2p in radix 2^51, added before subtracting so limbs stay non-negative.
    private const ulong TwoP0 = 0xFFFFFFFFFFFDA;
    private const ulong TwoP = 0xFFFFFFFFFFFFE;

    /// <summary>r = a + b.</summary>
    public static void Add(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        Carry(r, a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]);
    }

    /// <summary>r = a - b.</summary>
    public static void Sub(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        Carry(r, a[0] + TwoP0 - b[0], a[1] + TwoP - b[1], a[2] + TwoP - b[2], a[3] + TwoP - b[3], a[4] + TwoP - b[4]);
    }

    /// <summary>r = -a.</summary>
    public static void Negate(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Carry(r, TwoP0 - a[0], TwoP - a[1], TwoP - a[2], TwoP - a[3], TwoP - a[4]);
    }

    /// <summary>r = a·b (25 products, split at bit 51, then the 2^255 ≡ 19 fold).</summary>
    public static void Mul(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        ulong b1x = 19 * b1, b2x = 19 * b2, b3x = 19 * b3, b4x = 19 * b4;
        ulong l0 = 0, h0 = 0, l1 = 0, h1 = 0, l2 = 0, h2 = 0, l3 = 0, h3 = 0, l4 = 0, h4 = 0;
        Acc(a0, b0, ref l0, ref h0);
        Acc(a1, b4x, ref l0, ref h0);
        Acc(a2, b3x, ref l0, ref h0);
        Acc(a3, b2x, ref l0, ref h0);
        Acc(a4, b1x, ref l0, ref h0);
        Acc(a0, b1, ref l1, ref h1);
        Acc(a1, b0, ref l1, ref h1);
        Acc(a2, b4x, ref l1, ref h1);
        Acc(a3, b3x, ref l1, ref h1);
        Acc(a4, b2x, ref l1, ref h1);
        Acc(a0, b2, ref l2, ref h2);
        Acc(a1, b1, ref l2, ref h2);
        Acc(a2, b0, ref l2, ref h2);
        Acc(a3, b4x, ref l2, ref h2);
        Acc(a4, b3x, ref l2, ref h2);
        Acc(a0, b3, ref l3, ref h3);
        Acc(a1, b2, ref l3, ref h3);
        Acc(a2, b1, ref l3, ref h3);
        Acc(a3, b0, ref l3, ref h3);
        Acc(a4, b4x, ref l3, ref h3);
        Acc(a0, b4, ref l4, ref h4);
        Acc(a1, b3, ref l4, ref h4);
        Acc(a2, b2, ref l4, ref h4);
        Acc(a3, b1, ref l4, ref h4);
        Acc(a4, b0, ref l4, ref h4);
        Carry(r, l0 + (19 * h4), l1 + h0, l2 + h1, l3 + h2, l4 + h3);
    }

    /// <summary>r = a² (15 products).</summary>
    public static void Square(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        ulong d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3;
        ulong a3x = 19 * a3, a4x = 19 * a4;
        ulong l0 = 0, h0 = 0, l1 = 0, h1 = 0, l2 = 0, h2 = 0, l3 = 0, h3 = 0, l4 = 0, h4 = 0;
        Acc(a0, a0, ref l0, ref h0);
        Acc(d1, a4x, ref l0, ref h0);
        Acc(d2, a3x, ref l0, ref h0);
        Acc(d0, a1, ref l1, ref h1);
        Acc(d2, a4x, ref l1, ref h1);
        Acc(a3, a3x, ref l1, ref h1);
        Acc(d0, a2, ref l2, ref h2);
        Acc(a1, a1, ref l2, ref h2);
        Acc(d3, a4x, ref l2, ref h2);
        Acc(d0, a3, ref l3, ref h3);
        Acc(d1, a2, ref l3, ref h3);
        Acc(a4, a4x, ref l3, ref h3);
        Acc(d0, a4, ref l4, ref h4);
        Acc(d1, a3, ref l4, ref h4);
        Acc(a2, a2, ref l4, ref h4);
        Carry(r, l0 + (19 * h4), l1 + h0, l2 + h1, l3 + h2, l4 + h3);
    }

    /// <summary>r = a·k for a small constant k (below 2^32).</summary>
    public static void MulSmall(Span<ulong> r, ReadOnlySpan<ulong> a, uint k)
    {
        ulong l0 = 0, h0 = 0, l1 = 0, h1 = 0, l2 = 0, h2 = 0, l3 = 0, h3 = 0, l4 = 0, h4 = 0;
        Acc(a[0], k, ref l0, ref h0);
        Acc(a[1], k, ref l1, ref h1);
        Acc(a[2], k, ref l2, ref h2);
        Acc(a[3], k, ref l3, ref h3);
        Acc(a[4], k, ref l4, ref h4);
        Carry(r, l0 + (19 * h4), l1 + h0, l2 + h1, l3 + h2, l4 + h3);
    }

    /// <summary>
    /// lo += (x·y) mod 2^51, hi += (x·y) >> 51. For x, y below 2^57 the high part is below 2^63/5,
    /// so five products accumulate without overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Acc(ulong x, ulong y, ref ulong lo, ref ulong hi)
    {
        ulong h = Math.BigMul(x, y, out ulong l);
        lo += l & Mask;
        hi += (h << 13) | (l >> 51);
    }

    /// <summary>One carry pass: limbs below 2^51, the top carry folded into limb 0 times 19.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(Span<ulong> r, ulong t0, ulong t1, ulong t2, ulong t3, ulong t4)
    {
        t1 += t0 >> 51;
        t0 &= Mask;
        t2 += t1 >> 51;
        t1 &= Mask;
        t3 += t2 >> 51;
        t2 &= Mask;
        t4 += t3 >> 51;
        t3 &= Mask;
        t0 += 19 * (t4 >> 51);
        t4 &= Mask;
        r[4] = t4;
        r[3] = t3;
        r[2] = t2;
        r[1] = t1;
        r[0] = t0;
    }

    /// <summary>Reduces a to the canonical representative in [0, p), limbs below 2^51.</summary>
    public static void Freeze(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[Limbs];
        Carry(t, a[0], a[1], a[2], a[3], a[4]);
        Carry(t, t[0], t[1], t[2], t[3], t[4]);
        // Now t < 2^255 + 2^14 < 2p. q = 1 exactly when t ≥ p, i.e. when t + 19 reaches 2^255.
        ulong q = (t[0] + 19) >> 51;
        q = (t[1] + q) >> 51;
        q = (t[2] + q) >> 51;
        q = (t[3] + q) >> 51;
        q = (t[4] + q) >> 51;
        // t - q·p = t + 19q - q·2^255: add 19q, propagate, drop bit 255.
        ulong t0 = t[0] + (19 * q);
        ulong t1 = t[1] + (t0 >> 51);
        t0 &= Mask;
        ulong t2 = t[2] + (t1 >> 51);
        t1 &= Mask;
        ulong t3 = t[3] + (t2 >> 51);
        t2 &= Mask;
        ulong t4 = t[4] + (t3 >> 51);
        t3 &= Mask;
        t4 &= Mask;
        r[0] = t0;
        r[1] = t1;
        r[2] = t2;
        r[3] = t3;
        r[4] = t4;
    }

    /// <summary>Writes the canonical 32-byte little-endian encoding of a.</summary>
    public static void ToBytes(Span<byte> output, ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[Limbs];
        Freeze(t, a);
        ulong w0 = t[0] | (t[1] << 51);
        ulong w1 = (t[1] >> 13) | (t[2] << 38);
        ulong w2 = (t[2] >> 26) | (t[3] << 25);
        ulong w3 = (t[3] >> 39) | (t[4] << 12);
        for (int i = 0; i < 8; i++)
        {
            int s = i * 8;
            output[i] = (byte)(w0 >> s);
            output[8 + i] = (byte)(w1 >> s);
            output[16 + i] = (byte)(w2 >> s);
            output[24 + i] = (byte)(w3 >> s);
        }
    }

    /// <summary>Reads 32 little-endian bytes, ignoring bit 255 (RFC 7748 §5 / RFC 8032 §5.1.3); limbs exact (below 2^51).</summary>
    public static void FromBytes(Span<ulong> r, ReadOnlySpan<byte> input)
    {
        Span<ulong> w = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            ulong v = 0;
            for (int j = 7; j >= 0; j--)
            {
                v = (v << 8) | input[(i * 8) + j];
            }

            w[i] = v;
        }

        r[0] = w[0] & Mask;
        r[1] = ((w[0] >> 51) | (w[1] << 13)) & Mask;
        r[2] = ((w[1] >> 38) | (w[2] << 26)) & Mask;
        r[3] = ((w[2] >> 25) | (w[3] << 39)) & Mask;
        r[4] = (w[3] >> 12) & Mask;
    }

    /// <summary>Sets r to a small value v (below 2^51).</summary>
    public static void FromSmall(Span<ulong> r, ulong v)
    {
        r.Slice(0, Limbs).Clear();
        r[0] = v;
    }

    /// <summary>All-ones when a ≡ 0 (mod p), else zero.</summary>
    public static ulong IsZeroMask(ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[Limbs];
        Freeze(t, a);
        return Natural.IsZeroMask(t);
    }

    /// <summary>Parity (bit 0) of the canonical value.</summary>
    public static ulong IsNegative(ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[Limbs];
        Freeze(t, a);
        return t[0] & 1;
    }

    /// <summary>Constant-time conditional swap of a and b when swap is 1.</summary>
    public static void ConditionalSwap(Span<ulong> a, Span<ulong> b, ulong swap)
    {
        ulong mask = 0UL - swap;
        for (int i = 0; i < Limbs; i++)
        {
            ulong x = (a[i] ^ b[i]) & mask;
            a[i] ^= x;
            b[i] ^= x;
        }
    }

    /// <summary>r = a^(2^k) by k squarings.</summary>
    private static void SquareTimes(Span<ulong> r, ReadOnlySpan<ulong> a, int k)
    {
        a.Slice(0, Limbs).CopyTo(r);
        for (int i = 0; i < k; i++)
        {
            Square(r, r);
        }
    }

    /// <summary>
    /// Shared prefix of the inversion and square-root addition chains: z11 = a^11 and
    /// z250 = a^(2^250 - 1).
    /// </summary>
    private static void ChainTo250(ReadOnlySpan<ulong> a, Span<ulong> z11, Span<ulong> z250)
    {
        Span<ulong> buf = stackalloc ulong[5 * Limbs];
        Span<ulong> t0 = buf.Slice(0, Limbs), t1 = buf.Slice(Limbs, Limbs), z9 = buf.Slice(2 * Limbs, Limbs), z5 = buf.Slice(3 * Limbs, Limbs), z10 = buf.Slice(4 * Limbs, Limbs);
        Square(t0, a);                 // 2
        SquareTimes(t1, t0, 2);        // 8
        Mul(z9, t1, a);                // 9
        Mul(z11, t0, z9);              // 11
        Square(t0, z11);               // 22
        Mul(z5, t0, z9);               // 2^5 - 1
        SquareTimes(t0, z5, 5);
        Mul(z10, t0, z5);              // 2^10 - 1
        SquareTimes(t0, z10, 10);
        Mul(t1, t0, z10);              // 2^20 - 1
        SquareTimes(t0, t1, 20);
        Mul(t0, t0, t1);               // 2^40 - 1
        SquareTimes(t0, t0, 10);
        Mul(z5, t0, z10);              // 2^50 - 1 (z5 reused)
        SquareTimes(t0, z5, 50);
        Mul(t1, t0, z5);               // 2^100 - 1
        SquareTimes(t0, t1, 100);
        Mul(t0, t0, t1);               // 2^200 - 1
        SquareTimes(t0, t0, 50);
        Mul(z250, t0, z5);             // 2^250 - 1
    }

    /// <summary>r = a^(p-2) = a^-1 (0 maps to 0), by the fixed addition chain 2^255 - 21.</summary>
    public static void Invert(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> z11 = stackalloc ulong[Limbs];
        Span<ulong> z250 = stackalloc ulong[Limbs];
        ChainTo250(a, z11, z250);
        SquareTimes(z250, z250, 5);    // 2^255 - 32
        Mul(r, z250, z11);             // 2^255 - 21
    }

    /// <summary>r = a^((p-5)/8) = a^(2^252 - 3), used by square roots (RFC 8032 §5.1.3).</summary>
    public static void Pow22523(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> z11 = stackalloc ulong[Limbs];
        Span<ulong> z250 = stackalloc ulong[Limbs];
        ChainTo250(a, z11, z250);
        SquareTimes(z250, z250, 2);    // 2^252 - 4
        Mul(r, z250, a);               // 2^252 - 3
    }
}
