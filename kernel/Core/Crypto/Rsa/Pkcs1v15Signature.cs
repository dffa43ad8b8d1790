using System;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) over a precomputed digest. Verification re-encodes the
/// expected EMSA-PKCS1-v1_5 block and compares it in full (§8.2.2 step 3–4) instead of parsing
/// the recovered block, so no lenient-parser forgeries (Bleichenbacher 2006) are possible.
/// </summary>
public static class Pkcs1v15Signature
{
    /// <summary>
    /// EMSA-PKCS1-v1_5-ENCODE (§9.2): EM = 0x00 01 FF..FF 00 || DigestInfo || digest into em
    /// (exactly emLen bytes). False when the digest length does not match the algorithm or emLen
    /// is shorter than tLen + 11 (§9.2 step 3).
    /// </summary>
    public static bool TryEncode(DigestAlgorithm algorithm, ReadOnlySpan<byte> digest, Span<byte> em)
    {
        ReadOnlySpan<byte> prefix = Digests.DigestInfoPrefix(algorithm);
        int hLen = Digests.SizeOf(algorithm);
        if (hLen == 0 || digest.Length != hLen)
        {
            return false;
        }

        int tLen = prefix.Length + hLen;
        if (em.Length < tLen + 11)
        {
            return false;
        }

        em[0] = 0x00;
        em[1] = 0x01;
        int psEnd = em.Length - tLen - 1;
        em.Slice(2, psEnd - 2).Fill(0xFF);
        em[psEnd] = 0x00;
        prefix.CopyTo(em.Slice(psEnd + 1));
        digest.CopyTo(em.Slice(psEnd + 1 + prefix.Length));
        return true;
    }

    /// <summary>
    /// RSASSA-PKCS1-V1_5-VERIFY (§8.2.2): true only when the signature has exactly k bytes, is
    /// below n, and its RSAVP1 image equals the encoding of digest.
    /// </summary>
    public static bool Verify(RsaPublicKey key, DigestAlgorithm algorithm, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        int k = key.ModulusBytes;
        if (signature.Length != k)
        {
            return false; // §8.2.2 step 1
        }

        Span<byte> expected = stackalloc byte[k];
        if (!TryEncode(algorithm, digest, expected))
        {
            return false;
        }

        Span<byte> em = stackalloc byte[k];
        if (key.Apply(signature, em) != CryptoStatus.Success)
        {
            return false; // §5.2.2 step 1: s out of range
        }

        return FixedTime.AreEqual(em, expected);
    }

    /// <summary>Hashes message with the algorithm and verifies (see the digest overload).</summary>
    public static bool VerifyMessage(RsaPublicKey key, DigestAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Span<byte> digest = stackalloc byte[64];
        int hLen = Digests.SizeOf(algorithm);
        return Digests.TryHash(algorithm, message, digest) && Verify(key, algorithm, digest.Slice(0, hLen), signature);
    }

    /// <summary>
    /// RSASSA-PKCS1-V1_5-SIGN (§8.2.1) of a digest into signature (≥ k bytes; k are written).
    /// </summary>
    public static CryptoStatus Sign(RsaPrivateKey key, DigestAlgorithm algorithm, ReadOnlySpan<byte> digest, Span<byte> signature, IRandomSource random)
    {
        int k = key.ModulusBytes;
        if (signature.Length < k)
        {
            return CryptoStatus.BufferTooSmall;
        }

        Span<byte> em = stackalloc byte[k];
        if (!TryEncode(algorithm, digest, em))
        {
            return CryptoStatus.InvalidParameter;
        }

        return key.Apply(em, signature.Slice(0, k), random);
    }
}
