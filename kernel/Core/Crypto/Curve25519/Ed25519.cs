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
/// A and R must decode (canonical y, §5.1.3), and the group equation is the cofactorless
/// [S]B = R + [k]A, decided exactly also for A and R with small-order components; it is checked
/// with half-length scalars (<see cref="VerificationLattice"/>, <see cref="EdwardsMultiScalar"/>).
/// k is reduced modulo L before use, as ref10, libsodium and BouncyCastle do; for an A with a
/// small-order component this differs from §5.1.7's literal [k]A with the unreduced digest (the
/// cofactored equation, which the RFC also allows, would not see the difference).
/// Verification is variable-time (public data only).
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

        // A and R are decoded strictly (§5.1.3: canonical y, a square, no negative zero), so
        // only canonical encodings of curve points pass.
        if (!EdwardsPoint.TryDecode(publicKey, out ExtendedPoint a) || !EdwardsPoint.TryDecode(signature.Slice(0, 32), out ExtendedPoint r))
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

        // Step 3, cofactorless: P = [S]B − R − [k]A must be the neutral element. With
        // v0·k ≡ v1 (mod 8L) and v0 odd (VerificationLattice), [v0]P = [v0·S]B − [v0]R − [v1]A
        // is neutral exactly when P is, and v0, v1 are about half as long as k.
        Span<ulong> v0 = stackalloc ulong[4];
        Span<ulong> v1 = stackalloc ulong[4];
        bool v0Negative = VerificationLattice.Split(k, v0, v1);
        Span<ulong> t = stackalloc ulong[4];
        Span<ulong> zero = stackalloc ulong[4];
        zero.Clear();
        Scalar25519.MulAdd(t, v0, sScalar, zero);
        if (v0Negative)
        {
            Scalar25519.Negate(t, t);
        }
        else
        {
            EdwardsPoint.Negate(out r, r);
        }

        EdwardsPoint.Negate(out a, a);
        EdwardsMultiScalar.Multiply(out ExtendedPoint sum, t, v0, r, v1, a);
        return EdwardsPoint.IsIdentityVartime(sum);
    }
}
