using System;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// The variable-time multi-scalar multiplication of Ed25519 verification:
/// [t]B + [u]P + [w]Q with t below L and u, w typically about 128 bits
/// (<see cref="VerificationLattice"/>).
/// </summary>
/// <remarks>
/// Straus–Shamir interleaving over width-w non-adjacent forms. t is split at bit 128 so that
/// every scalar is about half length and the loop needs about 128 doublings instead of 253:
/// its low half runs over the static odd multiples of B, its high half over those of 2^128·B
/// (width 8, Niels form, <see cref="EdwardsBaseTable"/>); P and Q get eight odd multiples each
/// in cached form (width 5). T is computed only where the next operation reads it: a doubling
/// or the last addition of a position is followed by a doubling, which does not.
/// Variable-time: the scalars and points of a verification are public.
/// </remarks>
[SkipLocalsInit]
public static class EdwardsMultiScalar
{
    /// <summary>NAF width for B and 2^128·B (their static tables hold 2^(w-2) = 64 odd multiples).</summary>
    public const int BaseWidth = 8;

    /// <summary>NAF width for the variable points (2^(w-2) = 8 odd multiples each).</summary>
    public const int PointWidth = 5;

    private const int PointEntries = 1 << (PointWidth - 2);
    private const int Positions = 257;

    /// <summary>r = [t]B + [u]P + [w]Q for 4-limb t &lt; 2^253 and u, w &lt; 2^253.</summary>
    public static void Multiply(out ExtendedPoint r, ReadOnlySpan<ulong> t, ReadOnlySpan<ulong> u, in ExtendedPoint p, ReadOnlySpan<ulong> w, in ExtendedPoint q)
    {
        Span<sbyte> nafLow = stackalloc sbyte[Positions];
        Span<sbyte> nafHigh = stackalloc sbyte[Positions];
        Span<sbyte> nafU = stackalloc sbyte[Positions];
        Span<sbyte> nafW = stackalloc sbyte[Positions];

        // The halves of t fill only 129 positions; the loop reads all up to the top one.
        nafLow.Clear();
        nafHigh.Clear();
        int top = NonAdjacentForm.Recode(t.Slice(0, 2), BaseWidth, nafLow);
        top = Math.Max(top, NonAdjacentForm.Recode(t.Slice(2, 2), BaseWidth, nafHigh));
        top = Math.Max(top, NonAdjacentForm.Recode(u.Slice(0, 4), PointWidth, nafU));
        top = Math.Max(top, NonAdjacentForm.Recode(w.Slice(0, 4), PointWidth, nafW));

        Span<CachedPoint> tp = stackalloc CachedPoint[PointEntries];
        Span<CachedPoint> tq = stackalloc CachedPoint[PointEntries];
        OddMultiples(p, tp);
        OddMultiples(q, tq);
        ReadOnlySpan<NielsPoint> tb = EdwardsBaseTable.OddMultiples;
        ReadOnlySpan<NielsPoint> tb128 = EdwardsBaseTable.OddMultiples128;

        r = ExtendedPoint.Identity;
        for (int i = top; i >= 0; i--)
        {
            int dl = nafLow[i];
            int dh = nafHigh[i];
            int du = nafU[i];
            int dw = nafW[i];

            // T is computed only when an addition at this position still reads it; the next
            // doubling does not.
            int adds = (dl != 0 ? 1 : 0) + (dh != 0 ? 1 : 0) + (du != 0 ? 1 : 0) + (dw != 0 ? 1 : 0);
            if (i != top)
            {
                EdwardsPoint.Double(ref r, withT: adds != 0);
            }

            AddNiels(ref r, tb, dl, ref adds);
            AddNiels(ref r, tb128, dh, ref adds);
            AddCached(ref r, tp, du, ref adds);
            AddCached(ref r, tq, dw, ref adds);
        }
    }

    /// <summary>p, 3p, ..., (2·table.Length − 1)p in cached form.</summary>
    public static void OddMultiples(in ExtendedPoint p, Span<CachedPoint> table)
    {
        ExtendedPoint cur = p;
        ExtendedPoint twoP = p;
        EdwardsPoint.Double(ref twoP, withT: true);
        EdwardsPoint.ToCached(out CachedPoint twoPc, twoP);
        EdwardsPoint.ToCached(out table[0], cur);
        for (int i = 1; i < table.Length; i++)
        {
            EdwardsPoint.AddCached(out cur, cur, twoPc);
            EdwardsPoint.ToCached(out table[i], cur);
        }
    }

    /// <summary>Adds digit·table point when the digit is not zero; T only if another addition follows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddNiels(ref ExtendedPoint r, ReadOnlySpan<NielsPoint> table, int digit, ref int adds)
    {
        if (digit > 0)
        {
            EdwardsPoint.AddNiels(out r, r, table[digit >> 1], withT: --adds != 0);
        }
        else if (digit < 0)
        {
            EdwardsPoint.SubNiels(out r, r, table[(-digit) >> 1], withT: --adds != 0);
        }
    }

    /// <summary>As <see cref="AddNiels"/> for a cached-form table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCached(ref ExtendedPoint r, ReadOnlySpan<CachedPoint> table, int digit, ref int adds)
    {
        if (digit > 0)
        {
            EdwardsPoint.AddCached(out r, r, table[digit >> 1], withT: --adds != 0);
        }
        else if (digit < 0)
        {
            EdwardsPoint.SubCached(out r, r, table[(-digit) >> 1], withT: --adds != 0);
        }
    }
}
