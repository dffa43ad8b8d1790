using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// RSA key-pair generation with probable primes (FIPS 186-5 Appendix A.1.3), e = 65537.
/// </summary>
/// <remarks>
/// Candidate generation and the Miller–Rabin exponentiations are constant-time per candidate;
/// trial division, the gcd/lcm and the derivation of d branch on the (secret) primes. That
/// leaks only through timing of a one-off operation, the usual trade-off for key generation.
/// </remarks>
public static class RsaKeyGenerator
{
    /// <summary>The public exponent used (F4).</summary>
    public const uint PublicExponent = 65537;

    /// <summary>
    /// Generates a key of modulusBits (2048–4096, multiple of 128) into key. Returns
    /// InvalidKeyLength for other sizes or a random-source failure.
    /// </summary>
    public static CryptoStatus Generate(int modulusBits, IRandomSource random, out RsaPrivateKey? key)
    {
        key = null;
        if (modulusBits < RsaPublicKey.MinModulusBits || modulusBits > RsaPublicKey.MaxModulusBits || modulusBits % 128 != 0)
        {
            return CryptoStatus.InvalidKeyLength;
        }

        int primeBits = modulusBits / 2;
        int pl = primeBits / 64;
        ulong[] p = new ulong[pl];
        ulong[] q = new ulong[pl];
        while (true)
        {
            CryptoStatus st = GeneratePrime(primeBits, random, p);
            if (st != CryptoStatus.Success)
            {
                return st;
            }

            st = GeneratePrime(primeBits, random, q);
            if (st != CryptoStatus.Success)
            {
                return st;
            }

            // |p - q| > 2^(nlen/2 - 100) (§A.1.3 step 5.4 / 5.6).
            ulong[] diff = new ulong[pl];
            if (Natural.Compare(p, q) >= 0)
            {
                Natural.Sub(diff, p, q);
            }
            else
            {
                Natural.Sub(diff, q, p);
            }

            if (Natural.BitLength(diff) <= primeBits - 100)
            {
                continue;
            }

            if (Natural.Compare(p, q) < 0)
            {
                // Conventionally p > q.
                ulong[] t = p;
                p = q;
                q = t;
            }

            ulong[] n = new ulong[2 * pl];
            Natural.Mul(n, p, q);
            ulong[] d = new ulong[2 * pl];
            if (!TryPrivateExponent(p, q, d) || Natural.BitLength(d) <= primeBits)
            {
                continue; // d > 2^(nlen/2) (§A.1.1 step 3)
            }

            byte[] nb = new byte[modulusBits / 8];
            Natural.TryToBigEndian(n, nb);
            byte[] eb = { 0x01, 0x00, 0x01 };
            st = RsaPublicKey.TryCreate(nb, eb, out RsaPublicKey? pub);
            if (st != CryptoStatus.Success || pub is null)
            {
                return CryptoStatus.InvalidParameter;
            }

            st = RsaPrivateKey.TryCreate(pub, d, p, q, out key);
            d.AsSpan().Clear();
            return st;
        }
    }

    /// <summary>
    /// A random prime of exactly primeBits bits with the top two bits set (so p·q has the full
    /// length and p ≥ √2·2^(bits-1), §A.1.3 step 4.4) and gcd(p - 1, e) = 1.
    /// </summary>
    private static CryptoStatus GeneratePrime(int primeBits, IRandomSource random, Span<ulong> p)
    {
        byte[] bytes = new byte[primeBits / 8];
        int rounds = PrimalityTest.RoundsFor(primeBits);
        ulong[] pm1 = new ulong[p.Length];
        ulong[] one = { 1 };
        for (int attempt = 0; attempt < 5 * primeBits * 10; attempt++)
        {
            CryptoStatus st = random.GetBytes(bytes);
            if (st != CryptoStatus.Success)
            {
                return st;
            }

            bytes[0] |= 0xC0;
            bytes[bytes.Length - 1] |= 1;
            Natural.FromBigEndianFixed(p, bytes);
            if (!PrimalityTest.PassesTrialDivision(p))
            {
                continue;
            }

            Natural.Sub(pm1, p, one);
            if (Division.ModSmall(pm1, PublicExponent) == 0)
            {
                continue;
            }

            st = PrimalityTest.MillerRabin(p, rounds, random, out bool prime);
            if (st != CryptoStatus.Success)
            {
                return st;
            }

            if (prime)
            {
                bytes.AsSpan().Clear();
                return CryptoStatus.Success;
            }
        }

        return CryptoStatus.EntropyUnavailable;
    }

    /// <summary>d = e^-1 mod λ(n), λ = lcm(p - 1, q - 1), using d = (1 + k·λ) / e with k = -λ^-1 mod e.</summary>
    private static bool TryPrivateExponent(ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> q, Span<ulong> d)
    {
        int pl = p.Length;
        ulong[] one = { 1 };
        ulong[] pm1 = new ulong[pl];
        ulong[] qm1 = new ulong[pl];
        Natural.Sub(pm1, p, one);
        Natural.Sub(qm1, q, one);
        ulong[] g = new ulong[pl];
        GreatestCommonDivisor.Compute(g, pm1, qm1);
        ulong[] prod = new ulong[2 * pl];
        Natural.Mul(prod, pm1, qm1);
        ulong[] lambda = new ulong[2 * pl];
        ulong[] rem = new ulong[pl];
        if (!Division.TryDivRem(prod, g, lambda, rem))
        {
            return false;
        }

        uint lm = Division.ModSmall(lambda, PublicExponent);
        if (lm == 0)
        {
            return false;
        }

        // k = -lm^-1 mod e by the extended Euclidean algorithm on words.
        long t0 = 0, t1 = 1, r0 = PublicExponent, r1 = lm;
        while (r1 != 0)
        {
            long quo = r0 / r1;
            long tmp = r0 - (quo * r1);
            r0 = r1;
            r1 = tmp;
            tmp = t0 - (quo * t1);
            t0 = t1;
            t1 = tmp;
        }

        if (r0 != 1)
        {
            return false;
        }

        long inv = ((t0 % PublicExponent) + PublicExponent) % PublicExponent;
        ulong k = (ulong)((PublicExponent - inv) % PublicExponent);
        ulong[] num = new ulong[(2 * pl) + 1];
        num[0] = 1;
        Natural.MulAddWord(num, lambda, k);
        ulong[] e = { PublicExponent };
        ulong[] r = new ulong[1];
        ulong[] quot = new ulong[(2 * pl) + 1];
        if (!Division.TryDivRem(num, e, quot, r) || r[0] != 0)
        {
            return false;
        }

        d.Clear();
        quot.AsSpan(0, d.Length).CopyTo(d);
        return true;
    }
}
