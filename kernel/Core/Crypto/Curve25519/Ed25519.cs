using System;
using Lvbs.Kernel.Crypto.BigInteger;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Ed25519 signatures (RFC 8032 §5.1), pure variant (no context, no prehash).
/// </summary>
/// <remarks>
/// Signing is constant-time in the secret: [s]B and [r]B use <see cref="EdwardsPoint.BaseMul"/> (masked table reads)
/// and the scalar arithmetic modulo L is Montgomery multiplication with masked reductions.
/// Verification is strict: S must be below L (§5.1.7 step 1, rejecting malleable signatures),
/// A and R must decode (canonical y), and the check compares the canonical encoding of
/// [S]B - [k]A with R, so non-canonical R encodings are rejected too. Verification is variable-time.
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
    private static MontgomeryContext? s_l;

    private static MontgomeryContext L => s_l ??= MontgomeryContext.TryCreate(s_order)!;

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
        Span<ulong> a = stackalloc ulong[EdwardsPoint.Size];
        EdwardsPoint.BaseMul(a, h.Slice(0, 32));
        EdwardsPoint.Encode(publicKey, a);
        h.Clear();
        return CryptoStatus.Success;
    }

    private static void Clamp(Span<byte> s)
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
        Span<ulong> point = stackalloc ulong[EdwardsPoint.Size];
        Span<byte> pub = stackalloc byte[32];
        EdwardsPoint.BaseMul(point, s);
        EdwardsPoint.Encode(pub, point);

        // r = SHA-512(prefix || M) mod L (step 2); R = [r]B (step 3).
        Span<byte> digest = stackalloc byte[64];
        Sha512 hash = Sha512.Create();
        hash.Append(prefix);
        hash.Append(message);
        hash.Finish(digest);
        Span<ulong> r = stackalloc ulong[4];
        ReduceWide(digest, r);
        Span<byte> rBytes = stackalloc byte[32];
        ScalarToBytes(r, rBytes);
        EdwardsPoint.BaseMul(point, rBytes);
        EdwardsPoint.Encode(signature.Slice(0, 32), point);

        // k = SHA-512(R || A || M) mod L (step 4); S = r + k·s mod L (step 5).
        hash.Append(signature.Slice(0, 32));
        hash.Append(pub);
        hash.Append(message);
        hash.Finish(digest);
        Span<ulong> k = stackalloc ulong[4];
        ReduceWide(digest, k);
        Span<ulong> sl = stackalloc ulong[4];
        Span<byte> sBytes = stackalloc byte[64];
        sBytes.Clear();
        s.CopyTo(sBytes);
        ReduceWide(sBytes, sl);
        MontgomeryContext l = L;
        Span<ulong> km = stackalloc ulong[4];
        l.ToMontgomery(km, k);
        l.Mul(k, km, sl);
        l.AddMod(k, k, r);
        ScalarToBytes(k, signature.Slice(32, 32));
        h.Clear();
        r.Clear();
        rBytes.Clear();
        sl.Clear();
        sBytes.Clear();
        return CryptoStatus.Success;
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

        Span<ulong> a = stackalloc ulong[EdwardsPoint.Size];
        Span<ulong> rPoint = stackalloc ulong[EdwardsPoint.Size];
        if (!EdwardsPoint.TryDecode(publicKey, a) || !EdwardsPoint.TryDecode(signature.Slice(0, 32), rPoint))
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
        ReduceWide(digest, k);

        // [S]B - [k]A, compared with R by canonical encoding.
        Span<ulong> negA = stackalloc ulong[EdwardsPoint.Size];
        EdwardsPoint.Negate(negA, a);
        Span<ulong> sum = stackalloc ulong[EdwardsPoint.Size];
        DoubleScalarMulVartime(sum, sScalar, EdwardsPoint.Base, k, negA);
        Span<byte> enc = stackalloc byte[32];
        EdwardsPoint.Encode(enc, sum);
        return enc.SequenceEqual(signature.Slice(0, 32));
    }

    /// <summary>r = u1·P + u2·Q, interleaved 4-bit windows; variable-time (public scalars).</summary>
    private static void DoubleScalarMulVartime(Span<ulong> r, ReadOnlySpan<ulong> u1, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> u2, ReadOnlySpan<ulong> q)
    {
        const int Entries = 16;
        int w = EdwardsPoint.Size;
        Span<ulong> tp = stackalloc ulong[Entries * w];
        Span<ulong> tq = stackalloc ulong[Entries * w];
        EdwardsPoint.SetIdentity(tp.Slice(0, w));
        EdwardsPoint.SetIdentity(tq.Slice(0, w));
        p.Slice(0, w).CopyTo(tp.Slice(w, w));
        q.Slice(0, w).CopyTo(tq.Slice(w, w));
        for (int i = 2; i < Entries; i++)
        {
            EdwardsPoint.Add(tp.Slice(i * w, w), tp.Slice((i - 1) * w, w), p);
            EdwardsPoint.Add(tq.Slice(i * w, w), tq.Slice((i - 1) * w, w), q);
        }

        EdwardsPoint.SetIdentity(r);
        bool started = false;
        for (int bit = 252; bit >= 0; bit -= 4)
        {
            if (started)
            {
                for (int j = 0; j < 4; j++)
                {
                    EdwardsPoint.Double(r, r);
                }
            }

            int i1 = (int)((u1[bit >> 6] >> (bit & 63)) & 0xF);
            int i2 = (int)((u2[bit >> 6] >> (bit & 63)) & 0xF);
            if (i1 != 0)
            {
                EdwardsPoint.Add(r, r, tp.Slice(i1 * w, w));
                started = true;
            }

            if (i2 != 0)
            {
                EdwardsPoint.Add(r, r, tq.Slice(i2 * w, w));
                started = true;
            }
        }
    }

    /// <summary>A 64-byte little-endian value mod L (constant-time via Montgomery reduction).</summary>
    private static void ReduceWide(ReadOnlySpan<byte> wide, Span<ulong> r)
    {
        Span<ulong> x = stackalloc ulong[8];
        for (int i = 0; i < 8; i++)
        {
            ulong v = 0;
            for (int j = 7; j >= 0; j--)
            {
                v = (v << 8) | wide[(i * 8) + j];
            }

            x[i] = v;
        }

        L.Reduce(r, x);
        x.Clear();
    }

    private static void ScalarToBytes(ReadOnlySpan<ulong> s, Span<byte> output)
    {
        for (int i = 0; i < 32; i++)
        {
            output[i] = (byte)(s[i >> 3] >> ((i & 7) * 8));
        }
    }
}
