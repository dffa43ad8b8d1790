using System;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Conformance;

/// <summary>
/// Per-vector checks for the AES families of Wycheproof v1 files (aead AES-GCM, ind_cpa
/// AES-CBC-PKCS5, mac AES-CMAC), on decoded fields, so the kernel self-test and a host runner
/// can share them. A vector passes if it is valid and <see cref="VectorOutcome.Accepted"/>, invalid
/// and <see cref="VectorOutcome.Rejected"/>, or acceptable and either of those.
/// These helpers allocate (one key object per call): they are for conformance runs, not hot paths.
/// </summary>
public static class AesVectorChecks
{
    /// <summary>Decrypts and verifies; if accepted, also re-encrypts and compares ciphertext and tag.</summary>
    public static VectorOutcome Gcm(AesImplementation impl, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> msg, ReadOnlySpan<byte> ct, ReadOnlySpan<byte> tag)
    {
        var gcm = new AesGcm();
        if (gcm.SetKey(key, impl) != CryptoStatus.Success || ct.Length != msg.Length)
        {
            return VectorOutcome.Rejected;
        }

        byte[] plain = new byte[ct.Length];
        if (gcm.Decrypt(iv, ct, tag, aad, plain) != CryptoStatus.Success)
        {
            gcm.Clear();
            return VectorOutcome.Rejected;
        }

        byte[] cipher = new byte[msg.Length];
        byte[] tag2 = new byte[tag.Length];
        CryptoStatus status = gcm.Encrypt(iv, msg, aad, cipher, tag2);
        gcm.Clear();
        bool same = status == CryptoStatus.Success && plain.AsSpan().SequenceEqual(msg)
            && cipher.AsSpan().SequenceEqual(ct) && tag2.AsSpan().SequenceEqual(tag);
        return same ? VectorOutcome.Accepted : VectorOutcome.Mismatch;
    }

    /// <summary>CBC with PKCS#7 padding: decrypt-and-unpad; if accepted, also pad-and-encrypt and compare.</summary>
    public static VectorOutcome CbcPkcs7(AesImplementation impl, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> msg, ReadOnlySpan<byte> ct)
    {
        var aes = new AesKey();
        if (aes.SetKey(key, impl) != CryptoStatus.Success)
        {
            return VectorOutcome.Rejected;
        }

        byte[] plain = new byte[ct.Length];
        if (AesCbc.DecryptPkcs7(aes, iv, ct, plain, out int written) != CryptoStatus.Success)
        {
            aes.Clear();
            return VectorOutcome.Rejected;
        }

        byte[] cipher = new byte[AesCbc.PaddedLength(msg.Length)];
        CryptoStatus status = AesCbc.EncryptPkcs7(aes, iv, msg, cipher, out int cipherLength);
        aes.Clear();
        bool same = status == CryptoStatus.Success && plain.AsSpan(0, written).SequenceEqual(msg)
            && cipher.AsSpan(0, cipherLength).SequenceEqual(ct);
        return same ? VectorOutcome.Accepted : VectorOutcome.Mismatch;
    }

    /// <summary>AES-CMAC verification of a tag of <paramref name="tagSizeBits"/> bits (a key of a non-AES size is rejected).</summary>
    public static VectorOutcome Cmac(AesImplementation impl, ReadOnlySpan<byte> key, ReadOnlySpan<byte> msg, ReadOnlySpan<byte> tag, int tagSizeBits)
    {
        var aes = new AesKey();
        if (aes.SetKey(key, impl) != CryptoStatus.Success || tagSizeBits <= 0 || (tagSizeBits & 7) != 0 || tag.Length * 8 != tagSizeBits)
        {
            return VectorOutcome.Rejected;
        }

        bool ok = AesCmac.Verify(aes, msg, tag);
        aes.Clear();
        return ok ? VectorOutcome.Accepted : VectorOutcome.Rejected;
    }
}
