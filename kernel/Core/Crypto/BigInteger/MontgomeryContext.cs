using System;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>
/// Montgomery arithmetic modulo an odd modulus m of n limbs (R = 2^(64n)): multiplication,
/// reduction and modular exponentiation. Values in Montgomery form are a·R mod m.
/// </summary>
/// <remarks>
/// Constant-time: <see cref="Mul"/>, <see cref="Square"/>, <see cref="Reduce"/>,
/// <see cref="ToMontgomery"/>, <see cref="FromMontgomery"/>, <see cref="AddMod"/>,
/// <see cref="SubMod"/> and <see cref="ModPowSecret"/>: the instruction sequence and memory
/// addresses depend only on n (and on the exponent's limb count), because carries are
/// materialised without branches (<see cref="MontgomeryKernels"/>), the final subtraction is
/// masked, and table entries are selected by reading every entry under a mask.
/// <see cref="ModPowPublic"/> branches on exponent bits and is for public exponents only.
/// Construction (<see cref="TryCreate"/>) is variable-time in the modulus.
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
    /// r = a·b·R^-1 mod m (FIOS, <see cref="MontgomeryKernels.Mul"/>). Requires a·b &lt; m·R
    /// (true for a, b &lt; m, or a &lt; R and b &lt; m); result fully reduced. r may alias a or b.
    /// Constant-time.
    /// </summary>
    public unsafe void Mul(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = _m.Length;
        if (a.Length < n || b.Length < n || r.Length < n)
        {
            throw new ArgumentException("operand shorter than the modulus");
        }

        ulong* t = stackalloc ulong[n + 1];
        // SAFETY: the lengths were checked above; the fixed pointers cover n limbs each and t
        // has the n + 1 limbs MontgomeryKernels.Mul uses.
        fixed (ulong* pa = a, pb = b, pm = _m, pr = r)
        {
            MontgomeryKernels.Mul(pr, pa, n, _m0Inv, pb, pm, t);
        }

        // SAFETY: t is this frame's n + 1 limbs. The scratch holds a product of the operands
        // (secret in RSA signing); it is wiped rather than left for the next frame to find.
        Wipe(t, n + 1);
    }

    /// <summary>
    /// r = a²·R^-1 mod m for a &lt; m: a dedicated squaring (cross products once) and a
    /// separate reduction, about 3/4 of the work of <see cref="Mul"/>. r may alias a. Constant-time.
    /// </summary>
    public unsafe void Square(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        int n = _m.Length;
        if (a.Length < n || r.Length < n)
        {
            throw new ArgumentException("operand shorter than the modulus");
        }

        ulong* w = stackalloc ulong[2 * n];
        // SAFETY: a and r cover n limbs (checked above), w has the 2n limbs both kernels use,
        // and w does not overlap a (it is fresh stack).
        fixed (ulong* pa = a, pm = _m, pr = r)
        {
            MontgomeryKernels.SquareWide(w, n, pa);
            MontgomeryKernels.Redc(pr, w, n, _m0Inv, pm);
        }

        // SAFETY: w is this frame's 2n limbs (the square, wiped as in Mul).
        Wipe(w, 2 * n);
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
        lo.Clear();
        hi.Clear();
        a.Clear();
        b.Clear();
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
                diff[j] = 0;   // the unused candidate is as secret as the result
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

    /// <summary>r = a·R^-1 mod m (out of Montgomery form) for a &lt; R: one REDC, half a multiplication. Constant-time.</summary>
    public unsafe void FromMontgomery(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        int n = _m.Length;
        if (a.Length < n || r.Length < n)
        {
            throw new ArgumentException("operand shorter than the modulus");
        }

        ulong* w = stackalloc ulong[2 * n];
        for (int j = 0; j < n; j++)
        {
            w[j] = a[j];
            w[n + j] = 0;
        }

        // SAFETY: r covers n limbs (checked above) and w the 2n limbs Redc uses; w is wiped
        // afterwards as in Mul.
        fixed (ulong* pm = _m, pr = r)
        {
            MontgomeryKernels.Redc(pr, w, n, _m0Inv, pm);
        }

        Wipe(w, 2 * n);
    }

    /// <summary>
    /// r = a^e mod m for a &lt; m (ordinary form in and out), left-to-right square and multiply
    /// with dedicated squarings: for e = 65537, one conversion, 16 squarings and one multiply.
    /// When e is odd the last multiply takes a in ordinary form, which leaves the result in
    /// ordinary form (acc·R · a · R^-1) and saves the conversion out. Variable-time in e (it
    /// branches on e's bits and length): public exponents only (RSA verification, Fermat
    /// inversion or square roots modulo a public prime). Constant-time in a for a fixed e.
    /// </summary>
    public void ModPowPublic(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> e)
    {
        int n = _m.Length;
        int bits = Natural.BitLength(e);
        if (bits == 0)
        {
            FromMontgomery(r, _one); // a^0 = 1
            return;
        }

        Span<ulong> am = stackalloc ulong[n];
        Span<ulong> acc = stackalloc ulong[n];
        ToMontgomery(am, a);
        am.CopyTo(acc); // the top bit of e
        for (int i = bits - 2; i >= 1; i--)
        {
            Square(acc, acc);
            if (Natural.GetBit(e, i) != 0)
            {
                Mul(acc, acc, am);
            }
        }

        if (bits == 1)
        {
            FromMontgomery(r, acc);
            return;
        }

        Square(acc, acc);
        if ((e[0] & 1) != 0)
        {
            Mul(r, acc, a); // (a^(e-1)·R)·a·R^-1 = a^e, already out of Montgomery form
        }
        else
        {
            FromMontgomery(r, acc);
        }

        am.Clear();
        acc.Clear();
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
        // The table lives on the stack up to 2 KiB (RSA-2048 CRT halves, EC fields); larger
        // moduli use the heap rather than risk a deep kernel stack.
        Span<ulong> tab = Entries * n <= 256 ? stackalloc ulong[Entries * n] : new ulong[Entries * n];
        _one.CopyTo(tab.Slice(0, n));
        ToMontgomery(tab.Slice(n, n), a);
        for (int i = 2; i < Entries; i++)
        {
            if ((i & 1) == 0)
            {
                Square(tab.Slice(i * n, n), tab.Slice((i / 2) * n, n));
            }
            else
            {
                Mul(tab.Slice(i * n, n), tab.Slice((i - 1) * n, n), tab.Slice(n, n));
            }
        }

        Span<ulong> acc = stackalloc ulong[n];
        Span<ulong> sel = stackalloc ulong[n];
        _one.CopyTo(acc);
        for (int bit = (e.Length * 64) - Window; bit >= 0; bit -= Window)
        {
            for (int k = 0; k < Window; k++)
            {
                Square(acc, acc);
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

    /// <summary>
    /// Zeroes count limbs of this class's own stack scratch. A plain loop: for the 5 to 129
    /// limbs here it costs less than a call to the span clear helper.
    /// </summary>
    private static unsafe void Wipe(ulong* p, int count)
    {
        // SAFETY: every caller passes its own stackalloc of at least count limbs.
        for (int i = 0; i < count; i++)
        {
            p[i] = 0;
        }
    }

    /// <summary>Constant-time table read: touches every entry, keeps the one at idx by masking.</summary>
    public static unsafe void SelectEntry(Span<ulong> dst, ReadOnlySpan<ulong> table, int width, int entries, uint idx)
    {
        if (width < 0 || entries < 0 || dst.Length < width || table.Length < width * entries)
        {
            throw new ArgumentException("table or destination too short");
        }

        dst.Clear();
        // SAFETY: dst covers width limbs and table width·entries limbs (checked above); only
        // indexes below those bounds are used.
        fixed (ulong* d = dst, t = table)
        {
            for (int i = 0; i < entries; i++)
            {
                // (x - 1) >> 31 is 1 exactly when x == 0 for x < 2^31.
                ulong mask = 0UL - (((uint)i ^ idx) - 1 >> 31);
                ulong* entry = t + ((nint)i * width);
                for (nint j = 0; j < width; j++)
                {
                    d[j] |= entry[j] & mask;
                }
            }
        }
    }
}
