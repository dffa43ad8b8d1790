using System;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>
/// Montgomery arithmetic modulo an odd modulus m of n limbs (R = 2^(64n)): multiplication,
/// reduction and modular exponentiation. Values in Montgomery form are a·R mod m.
/// </summary>
/// <remarks>
/// Constant-time: <see cref="Mul"/>, <see cref="Reduce"/>, <see cref="AddMod"/>,
/// <see cref="SubMod"/> and <see cref="ModPowSecret"/>: the instruction sequence and memory
/// addresses depend only on n (and on the exponent's limb count), because carries are folded
/// arithmetically, the final subtraction is masked, and table entries are selected by reading
/// every entry under a mask. <see cref="ModPowPublic"/> branches on exponent bits and is for
/// public exponents only. Construction (<see cref="TryCreate"/>) is variable-time in the modulus.
/// </remarks>
public sealed class MontgomeryContext
{
    private readonly ulong[] _m;
    private readonly ulong[] _r2;
    private readonly ulong[] _one;
    private readonly ulong _m0Inv;

    private MontgomeryContext(ulong[] m, ulong m0Inv, ulong[] r2, ulong[] one)
    {
        _m = m;
        _m0Inv = m0Inv;
        _r2 = r2;
        _one = one;
    }

    /// <summary>Number of limbs n of the modulus.</summary>
    public int Limbs => _m.Length;

    /// <summary>The modulus (n limbs).</summary>
    public ReadOnlySpan<ulong> Modulus => _m;

    /// <summary>R mod m, the Montgomery form of 1.</summary>
    public ReadOnlySpan<ulong> One => _one;

    /// <summary>R^2 mod m (converts into Montgomery form).</summary>
    public ReadOnlySpan<ulong> RSquared => _r2;

    /// <summary>Creates a context for an odd modulus &gt; 1; null when the modulus is even or too small.</summary>
    public static MontgomeryContext? TryCreate(ReadOnlySpan<ulong> modulus)
    {
        int n = Natural.SignificantLimbs(modulus);
        if (n == 0 || (modulus[0] & 1) == 0 || (n == 1 && modulus[0] == 1))
        {
            return null;
        }

        ulong[] m = modulus.Slice(0, n).ToArray();
        ulong m0Inv = NegInverse64(m[0]);

        // R^2 mod m by long division of 2^(128n).
        ulong[] big = new ulong[(2 * n) + 1];
        big[2 * n] = 1;
        ulong[] r2 = new ulong[n];
        Division.TryDivRem(big, m, Span<ulong>.Empty, r2);
        ulong[] rr = new ulong[n + 1];
        rr[n] = 1;
        ulong[] one = new ulong[n];
        Division.TryDivRem(rr, m, Span<ulong>.Empty, one);
        return new MontgomeryContext(m, m0Inv, r2, one);
    }

    /// <summary>-m0^-1 mod 2^64 by Newton iteration (each step doubles the correct low bits).</summary>
    public static ulong NegInverse64(ulong m0)
    {
        ulong x = m0; // correct to 3 bits for odd m0
        for (int i = 0; i < 5; i++)
        {
            x *= 2 - (m0 * x);
        }

        return 0UL - x;
    }

    /// <summary>
    /// r = a·b·R^-1 mod m (CIOS). Requires a·b &lt; m·R (true for a, b &lt; m, or a &lt; R and
    /// b &lt; m); result fully reduced. r may alias a or b. Constant-time.
    /// </summary>
    public unsafe void Mul(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = _m.Length;
        if (a.Length < n || b.Length < n || r.Length < n)
        {
            throw new ArgumentException("operand shorter than the modulus");
        }

        ulong* t = stackalloc ulong[n + 2];
        // SAFETY: the lengths were checked above; the fixed pointers cover n limbs each and t
        // has n + 2 limbs, the only indexes used below.
        fixed (ulong* pa = a, pb = b, pm = _m, pr = r)
        {
            MulCore(pr, pa, pb, pm, t, n, _m0Inv);
        }
    }

    /// <summary>CIOS core over raw pointers; t is n + 2 limbs of zeroed scratch.</summary>
    /// <remarks>Safety: 1. a, b, m and r point to at least n limbs. 2. t points to n + 2 zeroed limbs.</remarks>
    private static unsafe void MulCore(ulong* r, ulong* a, ulong* b, ulong* m, ulong* t, int n, ulong m0Inv)
    {
        for (int i = 0; i < n; i++)
        {
            ulong bi = b[i];
            ulong c = 0;
            for (int j = 0; j < n; j++)
            {
                ulong hi = Math.BigMul(a[j], bi, out ulong lo);
                ulong tj = t[j];
                ulong l1 = lo + tj;
                hi += Natural.CarryOut(lo, tj, l1);
                ulong l2 = l1 + c;
                hi += Natural.CarryOut(l1, c, l2);
                t[j] = l2;
                c = hi;
            }

            ulong tn = t[n];
            ulong s = tn + c;
            t[n + 1] = Natural.CarryOut(tn, c, s);
            t[n] = s;

            ulong q = t[0] * m0Inv;
            ulong h0 = Math.BigMul(q, m[0], out ulong l0);
            ulong t0 = t[0];
            c = h0 + Natural.CarryOut(l0, t0, l0 + t0);
            for (int j = 1; j < n; j++)
            {
                ulong hi = Math.BigMul(q, m[j], out ulong lo);
                ulong tj = t[j];
                ulong l1 = lo + tj;
                hi += Natural.CarryOut(lo, tj, l1);
                ulong l2 = l1 + c;
                hi += Natural.CarryOut(l1, c, l2);
                t[j - 1] = l2;
                c = hi;
            }

            tn = t[n];
            s = tn + c;
            t[n - 1] = s;
            t[n] = t[n + 1] + Natural.CarryOut(tn, c, s);
        }

        // Masked final subtraction: keep t when t < m (borrow out and no top word).
        ulong borrow = 0;
        for (int j = 0; j < n; j++)
        {
            ulong x = t[j];
            ulong y = m[j];
            ulong d = x - y - borrow;
            borrow = Natural.BorrowOut(x, y, d);
            t[j] = d;
            r[j] = x; // provisional: overwritten below by the masked choice
        }

        ulong keepT = 0UL - (borrow & (t[n] ^ 1));
        for (int j = 0; j < n; j++)
        {
            r[j] = (r[j] & keepT) | (t[j] & ~keepT);
        }
    }

    /// <summary>r = x mod m for any x of at most 2n limbs. Constant-time for a given x length.</summary>
    public void Reduce(Span<ulong> r, ReadOnlySpan<ulong> x)
    {
        int n = _m.Length;
        if (x.Length > 2 * n)
        {
            throw new ArgumentException("value too long to reduce");
        }

        Span<ulong> lo = stackalloc ulong[n];
        Span<ulong> hi = stackalloc ulong[n];
        lo.Clear();
        hi.Clear();
        int lowCount = Math.Min(n, x.Length);
        x.Slice(0, lowCount).CopyTo(lo);
        if (x.Length > n)
        {
            x.Slice(n).CopyTo(hi);
        }

        // x = hi·R + lo. Mul(hi, R^2) = hi·R mod m (hi < R, R^2 < m).
        Span<ulong> a = stackalloc ulong[n];
        Mul(a, hi, _r2);
        // lo mod m = Mul(Mul(lo, R^2), 1): lo < R is allowed as the first factor.
        Span<ulong> b = stackalloc ulong[n];
        Mul(b, lo, _r2);
        Span<ulong> unit = stackalloc ulong[n];
        unit.Clear();
        unit[0] = 1;
        Mul(b, b, unit);
        AddMod(r, a, b);
    }

    /// <summary>r = (a + b) mod m for a, b &lt; m. Constant-time. r may alias a or b.</summary>
    public unsafe void AddMod(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = _m.Length;
        if (a.Length < n || b.Length < n || r.Length < n)
        {
            throw new ArgumentException("operand shorter than the modulus");
        }

        ulong* diff = stackalloc ulong[n];
        // SAFETY: every pointer covers at least n limbs (checked above) and only j < n is used.
        fixed (ulong* pa = a, pb = b, pm = _m, pr = r)
        {
            ulong carry = 0;
            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong x = pa[j];
                ulong y = pb[j];
                ulong s2 = x + y + carry;
                carry = Natural.CarryOut(x, y, s2);
                ulong mj = pm[j];
                ulong d = s2 - mj - borrow;
                borrow = Natural.BorrowOut(s2, mj, d);
                diff[j] = d;
                pr[j] = s2;
            }

            // a + b ≥ m exactly when the addition carried out or the subtraction did not borrow.
            ulong useDiff = 0UL - (carry | (borrow ^ 1));
            for (int j = 0; j < n; j++)
            {
                pr[j] = (pr[j] & ~useDiff) | (diff[j] & useDiff);
            }
        }
    }

    /// <summary>r = (a - b) mod m for a, b &lt; m. Constant-time. r may alias a or b.</summary>
    public unsafe void SubMod(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = _m.Length;
        if (a.Length < n || b.Length < n || r.Length < n)
        {
            throw new ArgumentException("operand shorter than the modulus");
        }

        // SAFETY: every pointer covers at least n limbs (checked above) and only j < n is used.
        fixed (ulong* pa = a, pb = b, pm = _m, pr = r)
        {
            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong x = pa[j];
                ulong y = pb[j];
                ulong d = x - y - borrow;
                borrow = Natural.BorrowOut(x, y, d);
                pr[j] = d;
            }

            // Add m back under a mask when the subtraction went negative.
            ulong mask = 0UL - borrow;
            ulong carry = 0;
            for (int j = 0; j < n; j++)
            {
                ulong x = pr[j];
                ulong y = pm[j] & mask;
                ulong s2 = x + y + carry;
                carry = Natural.CarryOut(x, y, s2);
                pr[j] = s2;
            }
        }
    }

    /// <summary>r = a·R mod m (into Montgomery form) for a &lt; R.</summary>
    public void ToMontgomery(Span<ulong> r, ReadOnlySpan<ulong> a) => Mul(r, a, _r2);

    /// <summary>r = a·R^-1 mod m (out of Montgomery form).</summary>
    public void FromMontgomery(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> unit = stackalloc ulong[_m.Length];
        unit.Clear();
        unit[0] = 1;
        Mul(r, a, unit);
    }

    /// <summary>
    /// r = a^e mod m for a &lt; m (ordinary form in and out), left-to-right square and multiply.
    /// Variable-time in e: public exponents only (RSA verification, Fermat inversion mod a public prime).
    /// </summary>
    public void ModPowPublic(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> e)
    {
        int n = _m.Length;
        Span<ulong> am = stackalloc ulong[n];
        Span<ulong> acc = stackalloc ulong[n];
        ToMontgomery(am, a);
        _one.CopyTo(acc);
        for (int i = Natural.BitLength(e) - 1; i >= 0; i--)
        {
            Mul(acc, acc, acc);
            if (Natural.GetBit(e, i) != 0)
            {
                Mul(acc, acc, am);
            }
        }

        FromMontgomery(r, acc);
    }

    /// <summary>
    /// r = a^e mod m for a &lt; m (ordinary form in and out). Constant-time in a and e: a fixed
    /// 4-bit window over all e.Length·64 bits, a multiplication for every window, and each table
    /// entry read under a mask so the access pattern does not depend on the exponent.
    /// </summary>
    public void ModPowSecret(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> e)
    {
        const int Window = 4;
        const int Entries = 1 << Window;
        int n = _m.Length;
        ulong[] table = new ulong[Entries * n];
        Span<ulong> tab = table;
        _one.CopyTo(tab.Slice(0, n));
        ToMontgomery(tab.Slice(n, n), a);
        for (int i = 2; i < Entries; i++)
        {
            Mul(tab.Slice(i * n, n), tab.Slice((i - 1) * n, n), tab.Slice(n, n));
        }

        Span<ulong> acc = stackalloc ulong[n];
        Span<ulong> sel = stackalloc ulong[n];
        _one.CopyTo(acc);
        for (int bit = (e.Length * 64) - Window; bit >= 0; bit -= Window)
        {
            for (int k = 0; k < Window; k++)
            {
                Mul(acc, acc, acc);
            }

            uint idx = (uint)((e[bit >> 6] >> (bit & 63)) & (Entries - 1));
            SelectEntry(sel, tab, n, Entries, idx);
            Mul(acc, acc, sel);
        }

        FromMontgomery(r, acc);
        tab.Clear();
        acc.Clear();
        sel.Clear();
    }

    /// <summary>Constant-time table read: touches every entry, keeps the one at idx by masking.</summary>
    public static void SelectEntry(Span<ulong> dst, ReadOnlySpan<ulong> table, int width, int entries, uint idx)
    {
        dst.Clear();
        for (int i = 0; i < entries; i++)
        {
            // (x - 1) >> 31 is 1 exactly when x == 0 for x < 2^31.
            ulong mask = 0UL - (((uint)i ^ idx) - 1 >> 31);
            ReadOnlySpan<ulong> entry = table.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                dst[j] |= entry[j] & mask;
            }
        }
    }
}
