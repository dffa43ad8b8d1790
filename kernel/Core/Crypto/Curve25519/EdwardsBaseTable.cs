using System;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Fixed-base multiplication [k]B on edwards25519 with a precomputed table: for each of the 64
/// radix-16 positions i, the multiples j·16^i·B for j = 0..8 as affine Niels points (the
/// Bernstein–Duif–Lange–Schwabe–Yang "ref10" layout, without its even/odd split). The scalar is
/// recoded into signed digits in [-8, 8], so [k]B is 64 mixed additions and no doublings.
/// </summary>
/// <remarks>
/// Constant-time (<see cref="Multiply"/>): the recoding is arithmetic, every entry of a window is
/// read under a mask, and negation is a masked swap/negate. The table (64·9 entries of 15 limbs,
/// 69 KB) is built on first use from public data with one batched inversion.
/// </remarks>
public static class EdwardsBaseTable
{
    private const int F = Field25519.Limbs;
    private const int Entries = 9;
    private const int N = EdwardsPoint.NielsSize;

    private static ulong[]? s_table;
    private static ulong[]? s_odd;

    /// <summary>Odd multiples in <see cref="OddMultiples"/>: (2j+1)·B for j below this (a width-7 NAF table).</summary>
    public const int OddMultipleCount = 32;

    private static ulong[] Table => s_table ??= Build();

    /// <summary>The Niels form of j·B for j = 0..8 (entry 0 is the neutral element), for verification.</summary>
    public static ReadOnlySpan<ulong> SmallMultiples => Table.AsSpan(0, Entries * N);

    /// <summary>The Niels form of (2j+1)·B for j = 0..31, for variable-time verification (public scalars).</summary>
    public static ReadOnlySpan<ulong> OddMultiples => s_odd ??= BuildOdd();

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

    /// <summary>r = k·B for a little-endian scalar k below 2^255 (32 bytes). Constant-time.</summary>
    public static void Multiply(Span<ulong> r, ReadOnlySpan<byte> k)
    {
        ReadOnlySpan<ulong> table = Table;
        Span<sbyte> digits = stackalloc sbyte[64];
        Span<ulong> sel = stackalloc ulong[N];
        Recode(k, digits);
        EdwardsPoint.SetIdentity(r);
        for (int i = 0; i < 64; i++)
        {
            int d = digits[i];
            int negative = d >> 31;               // all ones when d < 0
            uint abs = (uint)((d ^ negative) - negative);
            ReadOnlySpan<ulong> window = table.Slice(i * Entries * N, Entries * N);
            sel.Clear();
            for (int j = 0; j < Entries; j++)
            {
                // (x - 1) >> 31 is 1 exactly when x == 0 for x < 2^31.
                ulong mask = 0UL - ((((uint)j ^ abs) - 1) >> 31);
                ReadOnlySpan<ulong> entry = window.Slice(j * N, N);
                for (int l = 0; l < N; l++)
                {
                    sel[l] |= entry[l] & mask;
                }
            }

            EdwardsPoint.ConditionalNegate(sel, 2 * F, (ulong)(long)negative);
            EdwardsPoint.AddNiels(r, r, sel);
        }

        digits.Clear();
        sel.Clear();
    }

    private static ulong[] BuildOdd()
    {
        int p = EdwardsPoint.Size;
        ulong[] points = new ulong[OddMultipleCount * p];
        Span<ulong> pts = points;
        Span<ulong> twoB = stackalloc ulong[p];
        EdwardsPoint.Double(twoB, EdwardsPoint.Base);
        EdwardsPoint.Base.CopyTo(pts.Slice(0, p));
        for (int j = 1; j < OddMultipleCount; j++)
        {
            EdwardsPoint.Add(pts.Slice(j * p, p), pts.Slice((j - 1) * p, p), twoB);
        }

        return ToNiels(points, OddMultipleCount);
    }

    private static ulong[] Build()
    {
        const int Count = 64 * Entries;
        int p = EdwardsPoint.Size;
        ulong[] points = new ulong[Count * p];
        Span<ulong> pts = points;
        Span<ulong> windowBase = stackalloc ulong[p];
        EdwardsPoint.Base.CopyTo(windowBase);
        for (int i = 0; i < 64; i++)
        {
            Span<ulong> w = pts.Slice(i * Entries * p, Entries * p);
            EdwardsPoint.SetIdentity(w.Slice(0, p));
            windowBase.CopyTo(w.Slice(p, p));
            for (int j = 2; j < Entries; j++)
            {
                EdwardsPoint.Add(w.Slice(j * p, p), w.Slice((j - 1) * p, p), windowBase);
            }

            for (int d = 0; d < 4; d++)
            {
                EdwardsPoint.Double(windowBase, windowBase);
            }
        }

        return ToNiels(points, Count);
    }

    /// <summary>Affine Niels forms of <paramref name="count"/> extended points, with one batched inversion (Montgomery's trick).</summary>
    private static ulong[] ToNiels(ReadOnlySpan<ulong> pts, int count)
    {
        int p = EdwardsPoint.Size;
        ulong[] prefix = new ulong[count * F];
        Span<ulong> pre = prefix;
        Span<ulong> acc = stackalloc ulong[F];
        Field25519.FromSmall(acc, 1);
        for (int n = 0; n < count; n++)
        {
            acc.CopyTo(pre.Slice(n * F, F));
            Field25519.Mul(acc, acc, pts.Slice((n * p) + (2 * F), F));
        }

        Field25519.Invert(acc, acc);
        ulong[] table = new ulong[count * N];
        Span<ulong> tab = table;
        Span<ulong> zInv = stackalloc ulong[F];
        Span<ulong> x = stackalloc ulong[F];
        Span<ulong> y = stackalloc ulong[F];
        for (int n = count - 1; n >= 0; n--)
        {
            ReadOnlySpan<ulong> pt = pts.Slice(n * p, p);
            Field25519.Mul(zInv, acc, pre.Slice(n * F, F));   // 1/Z_n
            Field25519.Mul(acc, acc, pt.Slice(2 * F, F));     // drop Z_n from the running inverse
            Field25519.Mul(x, pt.Slice(0, F), zInv);
            Field25519.Mul(y, pt.Slice(F, F), zInv);
            Span<ulong> e = tab.Slice(n * N, N);
            Field25519.Add(e.Slice(0, F), y, x);
            Field25519.Sub(e.Slice(F, F), y, x);
            Field25519.Mul(e.Slice(2 * F, F), x, y);
            Field25519.Mul(e.Slice(2 * F, F), e.Slice(2 * F, F), EdwardsPoint.D2);
        }

        return table;
    }
}
