using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// Probable-prime testing for RSA key generation: trial division by small primes, then
/// Miller–Rabin with random bases (FIPS 186-5 Appendix B.3 and C.3.1).
/// </summary>
public static class PrimalityTest
{
    private static ushort[]? s_smallPrimes;

    /// <summary>
    /// Miller–Rabin rounds for a prime of the given size, from FIPS 186-5 Table B.1 (error
    /// probability column 2^-112 and below): 5 rounds up to 1024-bit primes, 4 above.
    /// </summary>
    public static int RoundsFor(int primeBits) => primeBits <= 1024 ? 5 : 4;

    /// <summary>True when w is divisible by none of the odd primes below 2000 (w itself above them).</summary>
    public static bool PassesTrialDivision(ReadOnlySpan<ulong> w)
    {
        // Built on first use rather than in a static constructor (no type initialiser in the image).
        ushort[] primes = s_smallPrimes ??= BuildSmallPrimes();
        foreach (ushort p in primes)
        {
            if (Division.ModSmall(w, p) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Miller–Rabin (FIPS 186-5 §B.3.1) with the given number of random bases in [2, w-2].
    /// Returns Success and sets probablyPrime, or a random-source failure. The modular
    /// exponentiations use the constant-time path because w is a secret prime candidate.
    /// </summary>
    public static CryptoStatus MillerRabin(ReadOnlySpan<ulong> w, int rounds, IRandomSource random, out bool probablyPrime)
    {
        probablyPrime = false;
        int n = Natural.SignificantLimbs(w);
        if (n == 0 || (w[0] & 1) == 0)
        {
            return CryptoStatus.Success;
        }

        ReadOnlySpan<ulong> wn = w.Slice(0, n);
        MontgomeryContext? ctx = MontgomeryContext.TryCreate(wn);
        if (ctx is null)
        {
            return CryptoStatus.Success;
        }

        // w - 1 = 2^a · m with m odd (step 1–2).
        ulong[] wm1 = new ulong[n];
        ulong[] one = { 1 };
        Natural.Sub(wm1, wn, one);
        int a = 0;
        while (Natural.GetBit(wm1, a) == 0)
        {
            a++;
        }

        ulong[] m = new ulong[n];
        Natural.ShiftRight(m, wm1, a);
        int wlen = Natural.BitLength(wn);
        ulong[] b = new ulong[n];
        ulong[] z = new ulong[n];
        byte[] bytes = new byte[n * 8];
        for (int round = 0; round < rounds; round++)
        {
            // Step 4.1–4.2: random b with 1 < b < w - 1 (rejection sampling on wlen bits).
            while (true)
            {
                CryptoStatus rs = random.GetBytes(bytes);
                if (rs != CryptoStatus.Success)
                {
                    return rs;
                }

                Natural.FromBigEndianFixed(b, bytes);
                int excess = (n * 64) - wlen;
                if (excess > 0)
                {
                    b[n - 1] &= ulong.MaxValue >> excess;
                }

                if (Natural.BitLength(b) > 1 && Natural.Compare(b, wm1) < 0)
                {
                    break;
                }
            }

            ctx.ModPowSecret(z, b, m);
            if ((Natural.BitLength(z) == 1) || Natural.Compare(z, wm1) == 0)
            {
                continue; // step 4.5
            }

            bool composite = true;
            for (int j = 1; j < a; j++)
            {
                // z = z^2 mod w (step 4.6.1), through Montgomery form.
                ctx.ToMontgomery(z, z);
                ctx.Mul(z, z, z);
                ctx.FromMontgomery(z, z);
                if (Natural.Compare(z, wm1) == 0)
                {
                    composite = false;
                    break;
                }

                if (Natural.BitLength(z) == 1)
                {
                    break;
                }
            }

            if (composite)
            {
                return CryptoStatus.Success; // step 4.7
            }
        }

        probablyPrime = true;
        return CryptoStatus.Success;
    }

    private static ushort[] BuildSmallPrimes()
    {
        // Sieve of Eratosthenes over odd numbers below 2000.
        const int Limit = 2000;
        bool[] composite = new bool[Limit];
        int count = 0;
        for (int i = 3; i < Limit; i += 2)
        {
            if (!composite[i])
            {
                count++;
                for (int j = i * i; j < Limit; j += 2 * i)
                {
                    composite[j] = true;
                }
            }
        }

        ushort[] primes = new ushort[count];
        int k = 0;
        for (int i = 3; i < Limit; i += 2)
        {
            if (!composite[i])
            {
                primes[k++] = (ushort)i;
            }
        }

        return primes;
    }
}
