using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Arithmetic in GF(2^255 - 19) on <see cref="FieldElement"/> (radix 2^51). Every function
/// returns "loose" limbs (each below 2^51 + 2^18) and accepts them; <see cref="Freeze"/> gives the
/// canonical form. Results may alias operands (all inputs are read before the result is written).
/// </summary>
/// <remarks>
/// Why radix 2^51: 64-bit limbs leave 13 bits of headroom, so additions and subtractions need no
/// carry chain, and each 102-bit product is split at bit 51 into a low part (&lt; 2^51) and a
/// high part: five of each sum without overflow, so multiplication needs no add-with-carry
/// (which .NET cannot express). 2^255 ≡ 19 folds the top limb back. The final carry is done in
/// parallel (every limb passes its carry to the next at once) rather than as a serial chain: the
/// result is only loosely reduced, which every operation here accepts (Sub adds 2p, whose limbs
/// exceed any loose limb). <see cref="Mul"/>, <see cref="Square"/> and <see cref="MulSmall"/>
/// accept limbs up to 11·2^50 (≈ 2^53.46), so values that only feed a product can skip the carry
/// (<see cref="AddNoCarry"/>, <see cref="SubNoCarry"/>).
/// Constant-time: every function runs a fixed sequence of operations (no data-dependent branch
/// or index); carries are shifts and masks.
/// </remarks>
[SkipLocalsInit]
public static class Field25519
{
    private const ulong Mask = (1UL << 51) - 1;

    // 2p in radix 2^51, added before subtracting so limbs stay non-negative.
    private const ulong TwoP0 = 0xFFFFFFFFFFFDA;
    private const ulong TwoP = 0xFFFFFFFFFFFFE;

    /// <summary>r = a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        Carry(out r, a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4);
    }

    /// <summary>r = a - b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        Carry(out r, a.L0 + TwoP0 - b.L0, a.L1 + TwoP - b.L1, a.L2 + TwoP - b.L2, a.L3 + TwoP - b.L3, a.L4 + TwoP - b.L4);
    }

    /// <summary>
    /// r = a + b without the carry pass: for loose a and b the limbs stay below 2^52 + 2^19.
    /// Only for values that go straight into <see cref="Mul"/>, <see cref="Square"/>,
    /// <see cref="MulSmall"/> or as the first operand of <see cref="SubNoCarry"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddNoCarry(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        r.L0 = a.L0 + b.L0;
        r.L1 = a.L1 + b.L1;
        r.L2 = a.L2 + b.L2;
        r.L3 = a.L3 + b.L3;
        r.L4 = a.L4 + b.L4;
    }

    /// <summary>
    /// r = a - b (as a + 2p - b) without the carry pass. b must be loose (below 2p's limbs); for a
    /// below 2^52 + 2^19 the limbs stay below 2^53 + 2^20. Same uses as <see cref="AddNoCarry"/>
    /// except as a <see cref="SubNoCarry"/> operand.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubNoCarry(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        r.L0 = a.L0 + TwoP0 - b.L0;
        r.L1 = a.L1 + TwoP - b.L1;
        r.L2 = a.L2 + TwoP - b.L2;
        r.L3 = a.L3 + TwoP - b.L3;
        r.L4 = a.L4 + TwoP - b.L4;
    }

    /// <summary>r = -a.</summary>
    public static void Negate(out FieldElement r, in FieldElement a)
    {
        Carry(out r, TwoP0 - a.L0, TwoP - a.L1, TwoP - a.L2, TwoP - a.L3, TwoP - a.L4);
    }

    /// <summary>r = a·b (25 products, column by column, then the 2^255 ≡ 19 fold).</summary>
    public static void Mul(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        // Column by column, so only one column's sums are live (the JIT spills badly otherwise);
        // b's limbs (and their 19-multiples) are read where used rather than held in registers.
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, a4 = a.L4;
        ulong lo, hi, hh;
        First(a0, b.L0, out lo, out hi, out hh);
        Next(a1, 19 * b.L4, ref lo, ref hi, ref hh);
        Next(a2, 19 * b.L3, ref lo, ref hi, ref hh);
        Next(a3, 19 * b.L2, ref lo, ref hi, ref hh);
        Next(a4, 19 * b.L1, ref lo, ref hi, ref hh);
        ulong t0 = lo, c = hi + (hh << 13);
        First(a0, b.L1, out lo, out hi, out hh);
        Next(a1, b.L0, ref lo, ref hi, ref hh);
        Next(a2, 19 * b.L4, ref lo, ref hi, ref hh);
        Next(a3, 19 * b.L3, ref lo, ref hi, ref hh);
        Next(a4, 19 * b.L2, ref lo, ref hi, ref hh);
        ulong t1 = lo + c;
        c = hi + (hh << 13);
        First(a0, b.L2, out lo, out hi, out hh);
        Next(a1, b.L1, ref lo, ref hi, ref hh);
        Next(a2, b.L0, ref lo, ref hi, ref hh);
        Next(a3, 19 * b.L4, ref lo, ref hi, ref hh);
        Next(a4, 19 * b.L3, ref lo, ref hi, ref hh);
        ulong t2 = lo + c;
        c = hi + (hh << 13);
        First(a0, b.L3, out lo, out hi, out hh);
        Next(a1, b.L2, ref lo, ref hi, ref hh);
        Next(a2, b.L1, ref lo, ref hi, ref hh);
        Next(a3, b.L0, ref lo, ref hi, ref hh);
        Next(a4, 19 * b.L4, ref lo, ref hi, ref hh);
        ulong t3 = lo + c;
        c = hi + (hh << 13);
        First(a0, b.L4, out lo, out hi, out hh);
        Next(a1, b.L3, ref lo, ref hi, ref hh);
        Next(a2, b.L2, ref lo, ref hi, ref hh);
        Next(a3, b.L1, ref lo, ref hi, ref hh);
        Next(a4, b.L0, ref lo, ref hi, ref hh);
        ulong t4 = lo + c;
        c = hi + (hh << 13);
        Carry(out r, t0 + (19 * c), t1, t2, t3, t4);
    }

    /// <summary>r = a² (15 products).</summary>
    public static void Square(out FieldElement r, in FieldElement a)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, a4 = a.L4;
        ulong lo, hi, hh;
        First(a0, a0, out lo, out hi, out hh);
        Next(2 * a1, 19 * a4, ref lo, ref hi, ref hh);
        Next(2 * a2, 19 * a3, ref lo, ref hi, ref hh);
        ulong t0 = lo, c = hi + (hh << 13);
        First(2 * a0, a1, out lo, out hi, out hh);
        Next(2 * a2, 19 * a4, ref lo, ref hi, ref hh);
        Next(a3, 19 * a3, ref lo, ref hi, ref hh);
        ulong t1 = lo + c;
        c = hi + (hh << 13);
        First(2 * a0, a2, out lo, out hi, out hh);
        Next(a1, a1, ref lo, ref hi, ref hh);
        Next(2 * a3, 19 * a4, ref lo, ref hi, ref hh);
        ulong t2 = lo + c;
        c = hi + (hh << 13);
        First(2 * a0, a3, out lo, out hi, out hh);
        Next(2 * a1, a2, ref lo, ref hi, ref hh);
        Next(a4, 19 * a4, ref lo, ref hi, ref hh);
        ulong t3 = lo + c;
        c = hi + (hh << 13);
        First(2 * a0, a4, out lo, out hi, out hh);
        Next(2 * a1, a3, ref lo, ref hi, ref hh);
        Next(a2, a2, ref lo, ref hi, ref hh);
        ulong t4 = lo + c;
        c = hi + (hh << 13);
        Carry(out r, t0 + (19 * c), t1, t2, t3, t4);
    }

    /// <summary>r = a^(2^k) by k squarings (k ≥ 1).</summary>
    public static void SquareTimes(out FieldElement r, in FieldElement a, int k)
    {
        Square(out r, a);
        for (int i = 1; i < k; i++)
        {
            Square(out r, r);
        }
    }

    /// <summary>r = a·k for a small constant k (below 2^32).</summary>
    public static void MulSmall(out FieldElement r, in FieldElement a, uint k)
    {
        First(a.L0, k, out ulong l0, out ulong m0, out ulong h0);
        First(a.L1, k, out ulong l1, out ulong m1, out ulong h1);
        First(a.L2, k, out ulong l2, out ulong m2, out ulong h2);
        First(a.L3, k, out ulong l3, out ulong m3, out ulong h3);
        First(a.L4, k, out ulong l4, out ulong m4, out ulong h4);
        Carry(out r, l0 + (19 * (m4 + (h4 << 13))), l1 + m0 + (h0 << 13), l2 + m1 + (h1 << 13), l3 + m2 + (h2 << 13), l4 + m3 + (h3 << 13));
    }

    /// <summary>
    /// Starts a column with the product x·y split three ways: lo = bits 0..50, mid = bits 51..63
    /// (of the low word), hi = the high word. The column's value is lo + (mid + hi·2^13)·2^51.
    /// </summary>
    /// <remarks>
    /// Keeping the three parts apart costs one add per product and no shifts of the high word
    /// until the column is done. Bounds: for input limbs below 11·2^50 a product with a
    /// 19-multiple is below 19·2^106.92 ≈ 2^111.2, so five high words sum below 2^49.5 and
    /// hi·2^13 below 2^62.5; the 19·carry fold into limb 0 stays below 2^63 likewise.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void First(ulong x, ulong y, out ulong lo, out ulong mid, out ulong hi)
    {
        hi = Mul128(x, y, out ulong l);
        lo = l & Mask;
        mid = l >> 51;
    }

    /// <summary>Adds x·y to a column started by <see cref="First"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Next(ulong x, ulong y, ref ulong lo, ref ulong mid, ref ulong hi)
    {
        hi += Mul128(x, y, out ulong l);
        lo += l & Mask;
        mid += l >> 51;
    }

    /// <summary>The 128-bit product x·y: high word returned, low word in <paramref name="lo"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mul128(ulong x, ulong y, out ulong lo)
    {
        if (Bmi2.X64.IsSupported)
        {
            // mulx for the high half and imul for the low half keeps both in registers; the
            // out-parameter forms (Math.BigMul, MultiplyNoFlags with a pointer) make the JIT
            // round-trip the low half through memory on every product. The image (no BMI2)
            // takes Math.BigMul.
            lo = x * y;
            return Bmi2.X64.MultiplyNoFlags(x, y);
        }

        return Math.BigMul(x, y, out lo);
    }

    /// <summary>
    /// One parallel carry pass: every limb keeps its low 51 bits plus the carry of the limb below
    /// (the top carry folded into limb 0 times 19). Output limbs are below 2^51 + 2^18.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(out FieldElement r, ulong t0, ulong t1, ulong t2, ulong t3, ulong t4)
    {
        ulong c0 = t0 >> 51, c1 = t1 >> 51, c2 = t2 >> 51, c3 = t3 >> 51, c4 = t4 >> 51;
        r.L0 = (t0 & Mask) + (19 * c4);
        r.L1 = (t1 & Mask) + c0;
        r.L2 = (t2 & Mask) + c1;
        r.L3 = (t3 & Mask) + c2;
        r.L4 = (t4 & Mask) + c3;
    }

    /// <summary>Reduces a to the canonical representative in [0, p), limbs below 2^51.</summary>
    public static void Freeze(out FieldElement r, in FieldElement a)
    {
        // Two serial carry passes: below 2^255 + 2^14 < 2p afterwards.
        ulong t0 = a.L0, t1 = a.L1, t2 = a.L2, t3 = a.L3, t4 = a.L4;
        for (int pass = 0; pass < 2; pass++)
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
        }

        // q = 1 exactly when t ≥ p, i.e. when t + 19 reaches 2^255.
        ulong q = (t0 + 19) >> 51;
        q = (t1 + q) >> 51;
        q = (t2 + q) >> 51;
        q = (t3 + q) >> 51;
        q = (t4 + q) >> 51;

        // t - q·p = t + 19q - q·2^255: add 19q, propagate, drop bit 255.
        t0 += 19 * q;
        t1 += t0 >> 51;
        t0 &= Mask;
        t2 += t1 >> 51;
        t1 &= Mask;
        t3 += t2 >> 51;
        t2 &= Mask;
        t4 += t3 >> 51;
        t3 &= Mask;
        t4 &= Mask;
        r.L0 = t0;
        r.L1 = t1;
        r.L2 = t2;
        r.L3 = t3;
        r.L4 = t4;
    }

    /// <summary>Writes the canonical 32-byte little-endian encoding of a.</summary>
    public static void ToBytes(Span<byte> output, in FieldElement a)
    {
        Freeze(out FieldElement t, a);
        BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(0, 8), t.L0 | (t.L1 << 51));
        BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(8, 8), (t.L1 >> 13) | (t.L2 << 38));
        BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(16, 8), (t.L2 >> 26) | (t.L3 << 25));
        BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(24, 8), (t.L3 >> 39) | (t.L4 << 12));
    }

    /// <summary>Reads 32 little-endian bytes, ignoring bit 255 (RFC 7748 §5 / RFC 8032 §5.1.3); limbs exact (below 2^51).</summary>
    public static void FromBytes(out FieldElement r, ReadOnlySpan<byte> input)
    {
        ulong w0 = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(0, 8));
        ulong w1 = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(8, 8));
        ulong w2 = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(16, 8));
        ulong w3 = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(24, 8));
        r.L0 = w0 & Mask;
        r.L1 = ((w0 >> 51) | (w1 << 13)) & Mask;
        r.L2 = ((w1 >> 38) | (w2 << 26)) & Mask;
        r.L3 = ((w2 >> 25) | (w3 << 39)) & Mask;
        r.L4 = (w3 >> 12) & Mask;
    }

    /// <summary>All-ones when a ≡ 0 (mod p), else zero.</summary>
    public static ulong IsZeroMask(in FieldElement a)
    {
        Freeze(out FieldElement t, a);
        ulong x = t.L0 | t.L1 | t.L2 | t.L3 | t.L4;
        return ((x | (0UL - x)) >> 63) - 1;
    }

    /// <summary>True when a and b are the same element (variable-time: public values only).</summary>
    public static bool EqualVartime(in FieldElement a, in FieldElement b)
    {
        Sub(out FieldElement d, a, b);
        return IsZeroMask(d) != 0;
    }

    /// <summary>Parity (bit 0) of the canonical value.</summary>
    public static ulong IsNegative(in FieldElement a)
    {
        Freeze(out FieldElement t, a);
        return t.L0 & 1;
    }

    /// <summary>Constant-time conditional swap of a and b when mask is all ones (no-op when zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ConditionalSwap(ref FieldElement a, ref FieldElement b, ulong mask)
    {
        ulong x0 = (a.L0 ^ b.L0) & mask, x1 = (a.L1 ^ b.L1) & mask, x2 = (a.L2 ^ b.L2) & mask;
        ulong x3 = (a.L3 ^ b.L3) & mask, x4 = (a.L4 ^ b.L4) & mask;
        a.L0 ^= x0;
        a.L1 ^= x1;
        a.L2 ^= x2;
        a.L3 ^= x3;
        a.L4 ^= x4;
        b.L0 ^= x0;
        b.L1 ^= x1;
        b.L2 ^= x2;
        b.L3 ^= x3;
        b.L4 ^= x4;
    }

    /// <summary>r |= a &amp; mask, limb by limb (constant-time table selection).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrMasked(ref FieldElement r, in FieldElement a, ulong mask)
    {
        r.L0 |= a.L0 & mask;
        r.L1 |= a.L1 & mask;
        r.L2 |= a.L2 & mask;
        r.L3 |= a.L3 & mask;
        r.L4 |= a.L4 & mask;
    }

    /// <summary>
    /// Shared prefix of the inversion and square-root addition chains: z11 = a^11 and
    /// z250 = a^(2^250 - 1).
    /// </summary>
    private static void ChainTo250(in FieldElement a, out FieldElement z11, out FieldElement z250)
    {
        Square(out FieldElement t0, a);               // 2
        SquareTimes(out FieldElement t1, t0, 2);      // 8
        Mul(out FieldElement z9, t1, a);              // 9
        Mul(out z11, t0, z9);                         // 11
        Square(out t0, z11);                          // 22
        Mul(out FieldElement z5, t0, z9);             // 2^5 - 1
        SquareTimes(out t0, z5, 5);
        Mul(out FieldElement z10, t0, z5);            // 2^10 - 1
        SquareTimes(out t0, z10, 10);
        Mul(out t1, t0, z10);                         // 2^20 - 1
        SquareTimes(out t0, t1, 20);
        Mul(out t0, t0, t1);                          // 2^40 - 1
        SquareTimes(out t0, t0, 10);
        Mul(out z5, t0, z10);                         // 2^50 - 1 (z5 reused)
        SquareTimes(out t0, z5, 50);
        Mul(out t1, t0, z5);                          // 2^100 - 1
        SquareTimes(out t0, t1, 100);
        Mul(out t0, t0, t1);                          // 2^200 - 1
        SquareTimes(out t0, t0, 50);
        Mul(out z250, t0, z5);                        // 2^250 - 1
    }

    /// <summary>r = a^(p-2) = a^-1 (0 maps to 0), by the fixed addition chain 2^255 - 21 (254 squarings, 11 products).</summary>
    public static void Invert(out FieldElement r, in FieldElement a)
    {
        ChainTo250(a, out FieldElement z11, out FieldElement z250);
        SquareTimes(out z250, z250, 5);   // 2^255 - 32
        Mul(out r, z250, z11);            // 2^255 - 21
    }

    /// <summary>r = a^((p-5)/8) = a^(2^252 - 3), used by square roots (RFC 8032 §5.1.3).</summary>
    public static void Pow22523(out FieldElement r, in FieldElement a)
    {
        ChainTo250(a, out _, out FieldElement z250);
        SquareTimes(out z250, z250, 2);   // 2^252 - 4
        Mul(out r, z250, a);              // 2^252 - 3
    }
}
