using System;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>Modular inverses of limb strings.</summary>
/// <remarks>
/// <see cref="TryInvertOdd"/> is the binary extended Euclidean algorithm and is variable-time:
/// use it on public values or on fresh random values (RSA blinding factors) only. For a prime
/// modulus and a secret value use <see cref="InvertPrimeConstantTime"/>.
/// </remarks>
public static class ModularInverse
{
    /// <summary>
    /// r = a^-1 mod m for odd m (n limbs, r n limbs, a &lt; m). Returns false when gcd(a, m) != 1
    /// or m is even. Variable-time.
    /// </summary>
    public static bool TryInvertOdd(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> m)
    {
        int n = m.Length;
        if (n == 0 || (m[0] & 1) == 0 || r.Length < n)
        {
            return false;
        }

        ulong[] buf = new ulong[(4 * n) + 2];
        Span<ulong> u = buf.AsSpan(0, n);
        Span<ulong> v = buf.AsSpan(n, n);
        Span<ulong> x1 = buf.AsSpan(2 * n, n + 1);
        Span<ulong> x2 = buf.AsSpan((3 * n) + 1, n + 1);
        Division.TryDivRem(a, m, Span<ulong>.Empty, u);
        m.CopyTo(v);
        x1[0] = 1;

        // Invariants: x1·a ≡ u and x2·a ≡ v (mod m); v stays odd after each halving loop.
        while (!Natural.IsZero(u))
        {
            while ((u[0] & 1) == 0)
            {
                Natural.ShiftRight(u, u, 1);
                HalveMod(x1, m);
            }

            while ((v[0] & 1) == 0)
            {
                Natural.ShiftRight(v, v, 1);
                HalveMod(x2, m);
            }

            if (Natural.Compare(u, v) >= 0)
            {
                Natural.Sub(u, u, v);
                SubMod(x1, x2, m);
            }
            else
            {
                Natural.Sub(v, v, u);
                SubMod(x2, x1, m);
            }
        }

        // gcd = v.
        if (Natural.BitLength(v) != 1)
        {
            return false;
        }

        x2.Slice(0, n).CopyTo(r);
        r.Slice(n).Clear();
        return true;
    }

    /// <summary>x = x/2 mod m for x &lt; m (x has n+1 limbs, top limb zero on entry and exit).</summary>
    private static void HalveMod(Span<ulong> x, ReadOnlySpan<ulong> m)
    {
        ulong odd = 0UL - (x[0] & 1);
        int n = m.Length;
        x[n] = Natural.ConditionalAdd(x.Slice(0, n), m, odd);
        Natural.ShiftRight(x, x, 1);
    }

    /// <summary>x = (x - y) mod m for x, y &lt; m (n+1 limb buffers).</summary>
    private static void SubMod(Span<ulong> x, ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> m)
    {
        int n = m.Length;
        ulong borrow = Natural.Sub(x.Slice(0, n), x.Slice(0, n), y.Slice(0, n));
        Natural.ConditionalAdd(x.Slice(0, n), m, 0UL - borrow);
    }

    /// <summary>
    /// r = a^-1 mod p for a prime p by Fermat (a^(p-2)), with the context's constant-time
    /// exponentiation; a must be &lt; p. A zero input yields zero.
    /// </summary>
    public static void InvertPrimeConstantTime(MontgomeryContext p, Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        int n = p.Limbs;
        Span<ulong> e = stackalloc ulong[n];
        Span<ulong> two = stackalloc ulong[1];
        two[0] = 2;
        Natural.Sub(e, p.Modulus, two);
        p.ModPowSecret(r, a, e);
    }
}
