using System;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>RSAES-OAEP (RFC 8017 §7.1) with MGF1 over the same hash.</summary>
public static class OaepEncryption
{
    /// <summary>
    /// RSAES-OAEP-ENCRYPT (§7.1.1) of message with label into ciphertext (k bytes).
    /// </summary>
    public static CryptoStatus Encrypt(RsaPublicKey key, DigestAlgorithm hash, ReadOnlySpan<byte> label, ReadOnlySpan<byte> message, Span<byte> ciphertext, IRandomSource random)
    {
        int k = key.ModulusBytes;
        int hLen = Digests.SizeOf(hash);
        if (hLen == 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (message.Length > k - (2 * hLen) - 2)
        {
            return CryptoStatus.InvalidLength; // §7.1.1 step 1b
        }

        if (ciphertext.Length < k)
        {
            return CryptoStatus.BufferTooSmall;
        }

        // EM = 0x00 || maskedSeed || maskedDB; DB = lHash || PS || 0x01 || M (§7.1.1 step 2).
        Span<byte> em = stackalloc byte[k];
        em.Clear();
        Span<byte> seed = em.Slice(1, hLen);
        Span<byte> db = em.Slice(1 + hLen);
        Digests.TryHash(hash, label, db);
        db[db.Length - message.Length - 1] = 0x01;
        message.CopyTo(db.Slice(db.Length - message.Length));
        CryptoStatus rs = random.GetBytes(seed);
        if (rs != CryptoStatus.Success)
        {
            return rs;
        }

        Mgf1.TryXorMask(hash, seed, db);
        Mgf1.TryXorMask(hash, db, seed);
        return key.Apply(em, ciphertext.Slice(0, k));
    }

    /// <summary>
    /// RSAES-OAEP-DECRYPT (§7.1.2). Writes the message to the start of plaintext and its length
    /// to written. Every decoding error gives the same <see cref="CryptoStatus.PaddingError"/>,
    /// and the checks of step 3 run in constant time (masks, no early exit) so a padding oracle
    /// (Manger 2001) learns nothing from timing; only the final copy depends on the message length.
    /// </summary>
    public static CryptoStatus Decrypt(RsaPrivateKey key, DigestAlgorithm hash, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, out int written, IRandomSource random)
    {
        written = 0;
        int k = key.ModulusBytes;
        int hLen = Digests.SizeOf(hash);
        if (hLen == 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (ciphertext.Length != k || k < (2 * hLen) + 2)
        {
            return CryptoStatus.PaddingError; // §7.1.2 step 1
        }

        Span<byte> em = stackalloc byte[k];
        CryptoStatus st = key.Apply(ciphertext, em, random);
        if (st == CryptoStatus.InvalidParameter)
        {
            return CryptoStatus.PaddingError; // c ≥ n: "decryption error"
        }

        if (st != CryptoStatus.Success)
        {
            return st;
        }

        Span<byte> seed = em.Slice(1, hLen);
        Span<byte> db = em.Slice(1 + hLen);
        Mgf1.TryXorMask(hash, db, seed);
        Mgf1.TryXorMask(hash, seed, db);
        Span<byte> lHash = stackalloc byte[64];
        Digests.TryHash(hash, label, lHash);

        // good stays 1 only if Y == 0, lHash' == lHash and a 0x01 follows the zero padding.
        int bad = em[0];
        for (int i = 0; i < hLen; i++)
        {
            bad |= db[i] ^ lHash[i];
        }

        int found = 0;      // becomes 1 at the first non-zero byte after lHash
        int index = 0;      // position of the 0x01 separator within db
        for (int i = hLen; i < db.Length; i++)
        {
            int b = db[i];
            int isZero = ((b - 1) >> 31) & 1;        // 1 when b == 0
            int isOne = (((b ^ 1) - 1) >> 31) & 1;   // 1 when b == 1
            int firstNonZero = (found ^ 1) & (isZero ^ 1);
            // The first non-zero byte must be 0x01.
            bad |= firstNonZero & (isOne ^ 1);
            index |= (0 - firstNonZero) & i;
            found |= firstNonZero;
        }

        bad |= found ^ 1;
        int mLen = db.Length - index - 1;
        if (bad != 0)
        {
            em.Clear();
            return CryptoStatus.PaddingError;
        }

        if (plaintext.Length < mLen)
        {
            em.Clear();
            return CryptoStatus.BufferTooSmall;
        }

        db.Slice(index + 1).CopyTo(plaintext);
        written = mLen;
        em.Clear();
        return CryptoStatus.Success;
    }
}
