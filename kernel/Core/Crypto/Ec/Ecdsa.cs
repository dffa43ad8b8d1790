using System;
using Lvbs.Kernel.Crypto.BigInteger;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// ECDSA (FIPS 186-5 §6.4) over P-256 and P-384 with signatures as raw (r, s) in P1363 form
/// (r || s, each FieldBytes). Use <see cref="EcdsaSignatureFormat"/> for DER.
/// </summary>
/// <remarks>
/// Signing is constant-time in the private key and nonce: k·G uses
/// <see cref="EcPointArithmetic.GeneratorMul"/> (masked fixed-base table), k^-1 uses the masked-window exponentiation, and the
/// scalar arithmetic is Montgomery multiplication with masked reductions. Verification handles
/// only public data and is variable-time.
/// </remarks>
public static class Ecdsa
{
    /// <summary>
    /// The public key for a private scalar d (FieldBytes big-endian) as 0x04 || X || Y.
    /// InvalidParameter when d is 0 or ≥ n.
    /// </summary>
    public static CryptoStatus DerivePublicKey(EcCurve c, ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        int n = c.Limbs;
        if (privateKey.Length != c.FieldBytes || publicKey.Length < 1 + (2 * c.FieldBytes))
        {
            return CryptoStatus.InvalidLength;
        }

        Span<ulong> d = stackalloc ulong[n];
        if (!TryScalar(c, privateKey, d))
        {
            return CryptoStatus.InvalidParameter;
        }

        Span<ulong> q = stackalloc ulong[3 * n];
        EcPointArithmetic.GeneratorMul(c, q, d);
        Span<ulong> x = stackalloc ulong[n];
        Span<ulong> y = stackalloc ulong[n];
        EcPointArithmetic.TryToAffine(c, q, x, y);
        EcPointEncoding.EncodeUncompressed(c, x, y, publicKey);
        d.Clear();
        return CryptoStatus.Success;
    }

    /// <summary>Reads a scalar in [1, n-1] (FieldBytes big-endian); false otherwise. Constant-time apart from the verdict.</summary>
    public static bool TryScalar(EcCurve c, ReadOnlySpan<byte> bytes, Span<ulong> scalar)
    {
        if (bytes.Length != c.FieldBytes)
        {
            return false;
        }

        Natural.FromBigEndianFixed(scalar, bytes);
        ulong ok = Natural.LessThanMask(scalar, c.Order.Modulus) & ~Natural.IsZeroMask(scalar);
        return ok != 0;
    }

    /// <summary>
    /// bits2int(digest) mod n (FIPS 186-5 §6.4.1 step 4–5 with SEC 1 §4.1.3 step 5): the leftmost
    /// min(8·len, bitlen(n)) bits, reduced by one masked subtraction.
    /// </summary>
    public static void DigestToScalar(EcCurve c, ReadOnlySpan<byte> digest, Span<ulong> z)
    {
        int take = Math.Min(digest.Length, c.FieldBytes);
        Natural.FromBigEndianFixed(z, digest.Slice(0, take));
        ulong geq = ~Natural.LessThanMask(z, c.Order.Modulus);
        Natural.ConditionalSub(z, c.Order.Modulus, geq);
    }

    /// <summary>
    /// Signs a digest with a deterministic nonce (RFC 6979 §3.2, HMAC with THash) into
    /// signature (r || s, 2·FieldBytes).
    /// </summary>
    public static CryptoStatus SignDeterministic<THash>(EcCurve c, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest, Span<byte> signature)
        where THash : struct, IHashFunction
    {
        int n = c.Limbs;
        if (privateKey.Length != c.FieldBytes || signature.Length < 2 * c.FieldBytes)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<ulong> d = stackalloc ulong[n];
        if (!TryScalar(c, privateKey, d))
        {
            return CryptoStatus.InvalidParameter;
        }

        var nonces = new Rfc6979Nonce<THash>(c, privateKey, digest);
        Span<ulong> k = stackalloc ulong[n];
        for (int attempt = 0; attempt < 64; attempt++)
        {
            nonces.Next(k);
            if (TrySignWithNonce(c, d, digest, k, signature))
            {
                nonces.Clear();
                d.Clear();
                k.Clear();
                return CryptoStatus.Success;
            }
        }

        return CryptoStatus.InvalidParameter;
    }

    /// <summary>
    /// Signs a digest with a nonce drawn from random (rejection sampling into [1, n-1]) into
    /// signature (r || s, 2·FieldBytes).
    /// </summary>
    public static CryptoStatus Sign(EcCurve c, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest, Span<byte> signature, IRandomSource random)
    {
        int n = c.Limbs;
        if (privateKey.Length != c.FieldBytes || signature.Length < 2 * c.FieldBytes)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<ulong> d = stackalloc ulong[n];
        if (!TryScalar(c, privateKey, d))
        {
            return CryptoStatus.InvalidParameter;
        }

        Span<byte> kb = stackalloc byte[c.FieldBytes];
        Span<ulong> k = stackalloc ulong[n];
        for (int attempt = 0; attempt < 64; attempt++)
        {
            CryptoStatus rs = random.GetBytes(kb);
            if (rs != CryptoStatus.Success)
            {
                return rs;
            }

            if (TryScalar(c, kb, k) && TrySignWithNonce(c, d, digest, k, signature))
            {
                kb.Clear();
                k.Clear();
                d.Clear();
                return CryptoStatus.Success;
            }
        }

        return CryptoStatus.EntropyUnavailable;
    }

    /// <summary>r = x(k·G) mod n, s = k^-1 (z + r·d) mod n; false when r or s is zero (retry).</summary>
    private static bool TrySignWithNonce(EcCurve c, ReadOnlySpan<ulong> d, ReadOnlySpan<byte> digest, ReadOnlySpan<ulong> k, Span<byte> signature)
    {
        int n = c.Limbs;
        MontgomeryContext o = c.Order;
        Span<ulong> point = stackalloc ulong[3 * n];
        EcPointArithmetic.GeneratorMul(c, point, k);
        Span<ulong> x = stackalloc ulong[n];
        Span<ulong> y = stackalloc ulong[n];
        EcPointArithmetic.TryToAffine(c, point, x, y);
        // x < p < 2n, so one masked subtraction reduces it mod n.
        Natural.ConditionalSub(x, o.Modulus, ~Natural.LessThanMask(x, o.Modulus));
        Span<ulong> z = stackalloc ulong[n];
        DigestToScalar(c, digest, z);

        Span<ulong> kInv = stackalloc ulong[n];
        o.ModPowSecret(kInv, k, c.OrderInverseExponent);
        Span<ulong> t = stackalloc ulong[n];
        Span<ulong> rm = stackalloc ulong[n];
        o.ToMontgomery(rm, x);
        o.Mul(t, rm, d);            // r·d
        o.AddMod(t, t, z);          // z + r·d
        o.ToMontgomery(kInv, kInv);
        Span<ulong> s = stackalloc ulong[n];
        o.Mul(s, kInv, t);          // k^-1 (z + r·d)
        bool ok = (Natural.IsZeroMask(x) | Natural.IsZeroMask(s)) == 0;
        Natural.TryToBigEndian(x, signature.Slice(0, c.FieldBytes));
        Natural.TryToBigEndian(s, signature.Slice(c.FieldBytes, c.FieldBytes));
        kInv.Clear();
        t.Clear();
        return ok;
    }

    /// <summary>
    /// Verifies (r || s) over a digest with a public key (SEC 1 encoded point) — FIPS 186-5
    /// §6.4.2. False for a malformed key, r or s outside [1, n-1], or a mismatch.
    /// </summary>
    public static bool Verify(EcCurve c, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        Span<ulong> q = stackalloc ulong[3 * c.Limbs];
        return EcPointEncoding.TryDecode(c, publicKey, q) && Verify(c, q, digest, signature);
    }

    /// <summary>Verification with an already-decoded public point (projective, Montgomery form).</summary>
    public static bool Verify(EcCurve c, ReadOnlySpan<ulong> publicPoint, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        int n = c.Limbs;
        int fb = c.FieldBytes;
        MontgomeryContext o = c.Order;
        if (signature.Length != 2 * fb)
        {
            return false;
        }

        Span<ulong> r = stackalloc ulong[n];
        Span<ulong> s = stackalloc ulong[n];
        if (!TryScalar(c, signature.Slice(0, fb), r) || !TryScalar(c, signature.Slice(fb, fb), s))
        {
            return false; // §6.4.2 step 1
        }

        Span<ulong> z = stackalloc ulong[n];
        DigestToScalar(c, digest, z);
        Span<ulong> w = stackalloc ulong[n];
        if (!ModularInverse.TryInvertOdd(w, s, o.Modulus))
        {
            return false; // unreachable for a prime order and 0 < s < n; kept as a guard
        }

        Span<ulong> wm = stackalloc ulong[n];
        o.ToMontgomery(wm, w);
        Span<ulong> u1 = stackalloc ulong[n];
        Span<ulong> u2 = stackalloc ulong[n];
        o.Mul(u1, wm, z);
        o.Mul(u2, wm, r);

        Span<ulong> sum = stackalloc ulong[3 * n];
        EcPointVerification.DoubleScalarMul(c, sum, u1, publicPoint, u2);
        Span<ulong> x = stackalloc ulong[n];
        Span<ulong> y = stackalloc ulong[n];
        if (!EcPointArithmetic.TryToAffine(c, sum, x, y))
        {
            return false; // §6.4.2 step 6: R is the point at infinity
        }

        if (Natural.Compare(x, o.Modulus) >= 0)
        {
            Natural.Sub(x, x, o.Modulus);
        }

        return Natural.Compare(x, r) == 0;
    }
}
