using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Fixed-base multiplication [k]B on edwards25519 with a precomputed table: for each of the 64
/// radix-16 positions i, the multiples j·16^i·B for j = 1..8 as affine Niels points (the
/// Bernstein–Duif–Lange–Schwabe–Yang "ref10" layout, without its even/odd split). The scalar is
/// recoded into signed digits in [-8, 8], so [k]B is 64 mixed additions and no doublings.
/// </summary>
/// <remarks>
/// Constant-time (<see cref="Multiply"/>): the recoding is arithmetic, every entry of a window is
/// read under a mask (the index never reaches an address), a zero digit selects the neutral
/// element by a mask too, and negation is a masked swap/negate. The table (64·8 entries of 15
/// limbs, 60 KB) is built on first use from public data with one batched inversion.
/// </remarks>
[SkipLocalsInit]
public static class EdwardsBaseTable
{
    private const int Entries = 8;

    private static NielsPoint[]? s_table;
    private static NielsPoint[]? s_odd;
    private static NielsPoint[]? s_odd128;

    /// <summary>Odd multiples in <see cref="OddMultiples"/> and <see cref="OddMultiples128"/>: (2j+1)·B for j below this (a width-8 NAF table, 7.5 KB).</summary>
    public const int OddMultipleCount = 1 << (EdwardsMultiScalar.BaseWidth - 2);

    private static NielsPoint[] Table => s_table ??= Build();

    /// <summary>The Niels form of (2j+1)·B for j = 0..63, for variable-time verification (public scalars).</summary>
    public static ReadOnlySpan<NielsPoint> OddMultiples => s_odd ??= BuildOdd(EdwardsPoint.Base);

    /// <summary>
    /// The Niels form of (2j+1)·2^128·B for j = 0..63: the table for the high half of a
    /// verification's base scalar (<see cref="EdwardsMultiScalar"/>).
    /// </summary>
    public static ReadOnlySpan<NielsPoint> OddMultiples128 => s_odd128 ??= BuildOdd(Base128());

    /// <summary>
    /// Recodes a little-endian scalar below 2^255 into 64 signed radix-16 digits in [-8, 8]
    /// (k = Σ d_i·16^i). Branch-free.
    /// </summary>
    public static void Recode(ReadOnlySpan<byte> k, Span<sbyte> digits)
    {
        for (int i = 0; i < 32; i++)
        {
            digits[2 * i] = (sbyte)(k[i] & 15);
            digits[(2 * i) + 1] = (sbyte)(k[i] >> 4);
        }

        int carry = 0;
        for (int i = 0; i < 63; i++)
        {
            int d = digits[i] + carry;
            carry = (d + 8) >> 4;
            digits[i] = (sbyte)(d - (carry << 4));
        }

        digits[63] = (sbyte)(digits[63] + carry);
    }

    /// <summary>r = k·B for a little-endian scalar k below 2^255 (32 bytes). Constant-time in k.</summary>
    public static void Multiply(out ExtendedPoint r, ReadOnlySpan<byte> k)
    {
        NielsPoint[] table = Table;
        Span<sbyte> digits = stackalloc sbyte[64];
        Recode(k, digits);
        r = ExtendedPoint.Identity;
        NielsPoint sel;
        for (int i = 0; i < 64; i++)
        {
            int d = digits[i];
            int negative = d >> 31;               // all ones when d < 0
            uint abs = (uint)((d ^ negative) - negative);
            Select(out sel, table, i * Entries, abs);
            EdwardsPoint.ConditionalNegate(ref sel, (ulong)(long)negative);
            EdwardsPoint.AddNiels(out r, r, sel);
        }

        digits.Clear();
        sel = default;
    }

    /// <summary>
    /// sel = table[offset + abs - 1], or the neutral element (1, 1, 0) when abs is 0, reading all
    /// 8 entries of the window and keeping one under a mask: the secret digit never becomes an
    /// address or a branch. 128-bit lanes (SSE2, in the image's baseline too) halve the work of
    /// the 15-limb entries; the last limb is scalar.
    /// </summary>
    private static void Select(out NielsPoint sel, NielsPoint[] table, int offset, uint abs)
    {
        Vector128<ulong> v0 = Vector128<ulong>.Zero, v1 = v0, v2 = v0, v3 = v0, v4 = v0, v5 = v0, v6 = v0;
        ulong last = 0;
        ReadOnlySpan<NielsPoint> window = new ReadOnlySpan<NielsPoint>(table, offset, Entries);
        for (int j = 0; j < window.Length; j++)
        {
            // (x - 1) >> 31 is 1 exactly when x == 0 for x < 2^31.
            ulong m = 0UL - ((((uint)(j + 1) ^ abs) - 1) >> 31);
            Vector128<ulong> vm = Vector128.Create(m);

            // SAFETY: a NielsPoint is 15 consecutive ulongs (three sequential FieldElements of
            // five ulong fields, no padding), so offsets 0..14 stay inside the entry.
            ref ulong e = ref Unsafe.As<NielsPoint, ulong>(ref Unsafe.AsRef(in window[j]));
            v0 |= Vector128.LoadUnsafe(ref e, 0) & vm;
            v1 |= Vector128.LoadUnsafe(ref e, 2) & vm;
            v2 |= Vector128.LoadUnsafe(ref e, 4) & vm;
            v3 |= Vector128.LoadUnsafe(ref e, 6) & vm;
            v4 |= Vector128.LoadUnsafe(ref e, 8) & vm;
            v5 |= Vector128.LoadUnsafe(ref e, 10) & vm;
            v6 |= Vector128.LoadUnsafe(ref e, 12) & vm;
            last |= Unsafe.Add(ref e, 14) & m;
        }

        sel = default;
        // SAFETY: as above, sel is 15 consecutive ulongs.
        ref ulong r = ref Unsafe.As<NielsPoint, ulong>(ref sel);
        v0.StoreUnsafe(ref r, 0);
        v1.StoreUnsafe(ref r, 2);
        v2.StoreUnsafe(ref r, 4);
        v3.StoreUnsafe(ref r, 6);
        v4.StoreUnsafe(ref r, 8);
        v5.StoreUnsafe(ref r, 10);
        v6.StoreUnsafe(ref r, 12);
        Unsafe.Add(ref r, 14) = last;
        ulong zero = (abs - 1) >> 31;             // 1 when abs == 0
        sel.YPlusX.L0 |= zero;
        sel.YMinusX.L0 |= zero;
    }

    private static NielsPoint[] BuildOdd(in ExtendedPoint b)
    {
        ExtendedPoint[] points = new ExtendedPoint[OddMultipleCount];
        ExtendedPoint twoB = b;
        EdwardsPoint.Double(ref twoB, withT: true);
        points[0] = b;
        for (int j = 1; j < OddMultipleCount; j++)
        {
            EdwardsPoint.Add(out points[j], points[j - 1], twoB);
        }

        return ToNiels(points);
    }

    /// <summary>2^128·B by 128 doublings.</summary>
    private static ExtendedPoint Base128()
    {
        ExtendedPoint b = EdwardsPoint.Base;
        for (int i = 0; i < 128; i++)
        {
            EdwardsPoint.Double(ref b, withT: i == 127);
        }

        return b;
    }

    private static NielsPoint[] Build()
    {
        ExtendedPoint[] points = new ExtendedPoint[64 * Entries];
        ExtendedPoint windowBase = EdwardsPoint.Base;
        for (int i = 0; i < 64; i++)
        {
            int o = i * Entries;
            points[o] = windowBase;
            for (int j = 1; j < Entries; j++)
            {
                EdwardsPoint.Add(out points[o + j], points[o + j - 1], windowBase);
            }

            for (int d = 0; d < 4; d++)
            {
                EdwardsPoint.Double(ref windowBase, withT: d == 3);
            }
        }

        return ToNiels(points);
    }

    /// <summary>Affine Niels forms of extended points, with one batched inversion (Montgomery's trick).</summary>
    private static NielsPoint[] ToNiels(ExtendedPoint[] pts)
    {
        int count = pts.Length;
        FieldElement[] prefix = new FieldElement[count];
        FieldElement acc = FieldElement.One;
        for (int n = 0; n < count; n++)
        {
            prefix[n] = acc;
            Field25519.Mul(out acc, acc, pts[n].Z);
        }

        Field25519.Invert(out acc, acc);
        NielsPoint[] table = new NielsPoint[count];
        for (int n = count - 1; n >= 0; n--)
        {
            Field25519.Mul(out FieldElement zInv, acc, prefix[n]);   // 1/Z_n
            Field25519.Mul(out acc, acc, pts[n].Z);                  // drop Z_n from the running inverse
            Field25519.Mul(out FieldElement x, pts[n].X, zInv);
            Field25519.Mul(out FieldElement y, pts[n].Y, zInv);
            ref NielsPoint e = ref table[n];
            Field25519.Add(out e.YPlusX, y, x);
            Field25519.Sub(out e.YMinusX, y, x);
            Field25519.Mul(out e.XY2d, x, y);
            Field25519.Mul(out e.XY2d, e.XY2d, EdwardsPoint.D2);
        }

        return table;
    }
}
