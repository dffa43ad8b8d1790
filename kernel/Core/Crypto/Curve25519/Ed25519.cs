using System;
using Lvbs.Kernel.Crypto.BigInteger;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Ed25519 signatures (RFC 8032 §5.1), pure variant (no context, no prehash).
/// </summary>
/// <remarks>
/// Signing is constant-time in the secret: [s]B and [r]B use <see cref="EdwardsBaseTable.Multiply"/> (masked table reads)
/// and the scalar arithmetic modulo L is <see cref="Scalar25519"/> (fixed limbs, masked corrections).
/// Verification is strict: S must be below L (§5.1.7 step 1, rejecting malleable signatures),
/// A must decode (canonical y), and the check compares the canonical encoding of [S]B - [k]A
/// with R's bytes, so an R that is not a canonical point encoding never matches. Verification is
/// variable-time (public data only).
/// </remarks>
public static class Ed25519
{
    /// <summary>Private key (seed) size.</summary>
    public const int PrivateKeySize = 32;

    /// <summary>Public key size.</summary>
    public const int PublicKeySize = 32;

    /// <summary>Signature size.</summary>
    public const int SignatureSize = 64;

    // L = 2^252 + 27742317777372353535851937790883648493, little-endian limbs.
    private static readonly ulong[] s_order = { 0x5812631A5CF5D3ED, 0x14DEF9DEA2F79CD6, 0x0000000000000000, 0x1000000000000000 };

    /// <summary>Derives the public key A = [s]B from a 32-byte seed (§5.1.5).</summary>
    public static CryptoStatus DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        if (privateKey.Length != PrivateKeySize || publicKey.Length < PublicKeySize)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<byte> h = stackalloc byte[64];
        Sha512.Hash(privateKey, h);
        Clamp(h);
        EdwardsBaseTable.Multiply(out ExtendedPoint a, h.Slice(0, 32));
        EdwardsPoint.Encode(publicKey, a);
        h.Clear();
        return CryptoStatus.Success;
    }

    internal static void Clamp(Span<byte> s)
    {
        s[0] &= 248;
        s[31] &= 127;
        s[31] |= 64;
    }

    /// <summary>Signs message (§5.1.6) into signature (64 bytes).</summary>
    public static CryptoStatus Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (privateKey.Length != PrivateKeySize || signature.Length < SignatureSize)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<byte> h = stackalloc byte[64];
        Sha512.Hash(privateKey, h);
        Clamp(h);
        Span<byte> s = h.Slice(0, 32);
        Span<byte> prefix = h.Slice(32, 32);
        EdwardsBaseTable.Multiply(out ExtendedPoint aPoint, s);

        // r = SHA-512(prefix || M) mod L (step 2); R = [r]B (step 3).
        Span<byte> digest = stackalloc byte[64];
        Sha512 hash = Sha512.Create();
        hash.Append(prefix);
        hash.Append(message);
        hash.Finish(digest);
        Span<ulong> r = stackalloc ulong[4];
        Scalar25519.ReduceWide(digest, r);
        Span<byte> rBytes = stackalloc byte[32];
        Scalar25519.ToBytes(r, rBytes);
        EdwardsBaseTable.Multiply(out ExtendedPoint rPoint, rBytes);

        // A and R are encoded together: one inversion for both.
        Span<byte> pub = stackalloc byte[32];
        EdwardsPoint.EncodeTwo(pub, aPoint, signature.Slice(0, 32), rPoint);

        Complete(s, r, pub, message, signature, ref hash, digest);
        aPoint = default;
        rPoint = default;
        h.Clear();
        r.Clear();
        rBytes.Clear();
        return CryptoStatus.Success;
    }

    /// <summary>
    /// Signs with an expanded key (§5.1.6): one fixed-base multiplication ([r]B), since A was
    /// computed when the key was expanded.
    /// </summary>
    public static CryptoStatus Sign(Ed25519PrivateKey key, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (signature.Length < SignatureSize)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<byte> digest = stackalloc byte[64];
        Sha512 hash = Sha512.Create();
        hash.Append(key.Prefix);
        hash.Append(message);
        hash.Finish(digest);
        Span<ulong> r = stackalloc ulong[4];
        Scalar25519.ReduceWide(digest, r);
        Span<byte> rBytes = stackalloc byte[32];
        Scalar25519.ToBytes(r, rBytes);
        EdwardsBaseTable.Multiply(out ExtendedPoint rPoint, rBytes);
        EdwardsPoint.Encode(signature.Slice(0, 32), rPoint);
        Complete(key.Scalar, r, key.PublicKey, message, signature, ref hash, digest);
        rPoint = default;
        r.Clear();
        rBytes.Clear();
        return CryptoStatus.Success;
    }

    // Steps 4-5 once R is in signature[0..32): k = SHA-512(R || A || M) mod L, S = (k·s + r) mod L.
    // s (secret, clamped, < 2^255) needs no prior reduction; constant-time (Scalar25519).
    private static void Complete(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> r, ReadOnlySpan<byte> pub, ReadOnlySpan<byte> message, Span<byte> signature, ref Sha512 hash, Span<byte> digest)
    {
        hash.Append(signature.Slice(0, 32));
        hash.Append(pub);
        hash.Append(message);
        hash.Finish(digest);
        Span<ulong> k = stackalloc ulong[4];
        Scalar25519.ReduceWide(digest, k);
        Span<ulong> sl = stackalloc ulong[4];
        Scalar25519.FromBytes(s, sl);
        Scalar25519.MulAdd(k, k, sl, r);
        Scalar25519.ToBytes(k, signature.Slice(32, 32));
        sl.Clear();
        k.Clear();
        digest.Clear();
    }

    /// <summary>Verifies signature over message with publicKey (§5.1.7, strict). Variable-time.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize)
        {
            return false;
        }

        // Step 1: S < L, read as a 256-bit little-endian integer.
        Span<ulong> sScalar = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            ulong v = 0;
            for (int j = 7; j >= 0; j--)
            {
                v = (v << 8) | signature[32 + (i * 8) + j];
            }

            sScalar[i] = v;
        }

        if (Natural.Compare(sScalar, s_order) >= 0)
        {
            return false;
        }

        // R is not decoded: the check below compares R's bytes with a canonical encoding, which
        // only matches when R is itself a canonical encoding of a curve point (RFC 8032 §5.1.3
        // would reject the others when decoding), so the decoding would decide nothing more.
        if (!EdwardsPoint.TryDecode(publicKey, out ExtendedPoint a))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[64];
        Sha512 hash = Sha512.Create();
        hash.Append(signature.Slice(0, 32));
        hash.Append(publicKey);
        hash.Append(message);
        hash.Finish(digest);
        Span<ulong> k = stackalloc ulong[4];
        Scalar25519.ReduceWide(digest, k);

        // [S]B - [k]A, compared with R by canonical encoding.
        EdwardsPoint.Negate(out ExtendedPoint negA, a);
        DoubleScalarMulVartime(out ExtendedPoint sum, sScalar, k, negA);
        Span<byte> enc = stackalloc byte[32];
        EdwardsPoint.Encode(enc, sum);
        return enc.SequenceEqual(signature.Slice(0, 32));
    }

    /// <summary>
    /// r = u1·B + u2·Q by Straus–Shamir interleaving over width-w NAFs: width 7 for B (static table
    /// of odd multiples), width 5 for Q (8 odd multiples in cached form). Doublings that are
    /// followed by another doubling skip T. Variable-time: the scalars and points are public.
    /// </summary>
    private static void DoubleScalarMulVartime(out ExtendedPoint r, ReadOnlySpan<ulong> u1, ReadOnlySpan<ulong> u2, in ExtendedPoint q)
    {
        const int QEntries = 8;
        Span<sbyte> naf1 = stackalloc sbyte[256];
        Span<sbyte> naf2 = stackalloc sbyte[256];
        NonAdjacentForm(u1, 7, naf1);
        NonAdjacentForm(u2, 5, naf2);

        // Odd multiples Q, 3Q, ..., 15Q in cached form.
        Span<CachedPoint> tq = stackalloc CachedPoint[QEntries];
        ExtendedPoint cur = q;
        ExtendedPoint twoQ = q;
        EdwardsPoint.Double(ref twoQ, withT: true);
        EdwardsPoint.ToCached(out CachedPoint twoQc, twoQ);
        EdwardsPoint.ToCached(out tq[0], cur);
        for (int i = 1; i < QEntries; i++)
        {
            EdwardsPoint.AddCached(out cur, cur, twoQc);
            EdwardsPoint.ToCached(out tq[i], cur);
        }

        ReadOnlySpan<NielsPoint> tb = EdwardsBaseTable.OddMultiples;
        int top = 255;
        while (top >= 0 && naf1[top] == 0 && naf2[top] == 0)
        {
            top--;
        }

        r = ExtendedPoint.Identity;
        for (int i = top; i >= 0; i--)
        {
            int d1 = naf1[i];
            int d2 = naf2[i];
            EdwardsPoint.Double(ref r, withT: d1 != 0 || d2 != 0);
            if (d1 > 0)
            {
                EdwardsPoint.AddNiels(out r, r, tb[d1 >> 1]);
            }
            else if (d1 < 0)
            {
                EdwardsPoint.SubNiels(out r, r, tb[(-d1) >> 1]);
            }

            if (d2 > 0)
            {
                EdwardsPoint.AddCached(out r, r, tq[d2 >> 1]);
            }
            else if (d2 < 0)
            {
                EdwardsPoint.SubCached(out r, r, tq[(-d2) >> 1]);
            }
        }
    }

    /// <summary>
    /// Width-w non-adjacent form of a public scalar below 2^253 (4 limbs): digits odd in
    /// (-2^(w-1), 2^(w-1)) or zero, any w consecutive digits holding at most one non-zero.
    /// </summary>
    private static void NonAdjacentForm(ReadOnlySpan<ulong> k, int width, Span<sbyte> naf)
    {
        naf.Clear();
        Span<ulong> x = stackalloc ulong[5];
        k.Slice(0, 4).CopyTo(x);
        x[4] = 0;
        ulong size = 1UL << width;
        ulong mask = size - 1;
        int pos = 0;
        ulong carry = 0;
        while (pos < 256)
        {
            int idx = pos >> 6;
            int bit = pos & 63;
            ulong buf = bit < 64 - width ? x[idx] >> bit : (x[idx] >> bit) | (x[idx + 1] << (64 - bit));
            ulong window = carry + (buf & mask);
            if ((window & 1) == 0)
            {
                pos++;
                continue;
            }

            if (window < size / 2)
            {
                carry = 0;
                naf[pos] = (sbyte)window;
            }
            else
            {
                carry = 1;
                naf[pos] = (sbyte)((long)window - (long)size);
            }

            pos += width;
        }
    }
}
