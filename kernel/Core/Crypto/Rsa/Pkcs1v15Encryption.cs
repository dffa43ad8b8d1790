using System;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// RSAES-PKCS1-v1_5 (RFC 8017 §7.2). Kept for interoperability (and the Wycheproof vectors);
/// new protocols should use <see cref="OaepEncryption"/>.
/// </summary>
public static class Pkcs1v15Encryption
{
    /// <summary>RSAES-PKCS1-V1_5-ENCRYPT (§7.2.1) into ciphertext (k bytes).</summary>
    public static CryptoStatus Encrypt(RsaPublicKey key, ReadOnlySpan<byte> message, Span<byte> ciphertext, IRandomSource random)
    {
        int k = key.ModulusBytes;
        if (message.Length > k - 11)
        {
            return CryptoStatus.InvalidLength; // §7.2.1 step 1
        }

        if (ciphertext.Length < k)
        {
            return CryptoStatus.BufferTooSmall;
        }

        Span<byte> em = stackalloc byte[k];
        em[0] = 0x00;
        em[1] = 0x02;
        int psEnd = k - message.Length - 1;
        Span<byte> ps = em.Slice(2, psEnd - 2);
        CryptoStatus rs = random.GetBytes(ps);
        if (rs != CryptoStatus.Success)
        {
            return rs;
        }

        // PS must be non-zero octets (§7.2.1 step 2a): redraw zero bytes one at a time.
        Span<byte> one = stackalloc byte[1];
        for (int i = 0; i < ps.Length; i++)
        {
            while (ps[i] == 0)
            {
                rs = random.GetBytes(one);
                if (rs != CryptoStatus.Success)
                {
                    return rs;
                }

                ps[i] = one[0];
            }
        }

        em[psEnd] = 0x00;
        message.CopyTo(em.Slice(psEnd + 1));
        return key.Apply(em, ciphertext.Slice(0, k));
    }

    /// <summary>
    /// RSAES-PKCS1-V1_5-DECRYPT (§7.2.2): EM = 0x00 || 0x02 || PS (≥ 8 non-zero) || 0x00 || M.
    /// The format checks run in constant time with a single <see cref="CryptoStatus.PaddingError"/>
    /// outcome (Bleichenbacher 1998); only the final copy depends on the message length.
    /// </summary>
    public static CryptoStatus Decrypt(RsaPrivateKey key, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, out int written, IRandomSource random)
    {
        written = 0;
        int k = key.ModulusBytes;
        if (ciphertext.Length != k || k < 11)
        {
            return CryptoStatus.PaddingError; // §7.2.2 step 1
        }

        Span<byte> em = stackalloc byte[k];
        CryptoStatus st = key.Apply(ciphertext, em, random);
        if (st == CryptoStatus.InvalidParameter)
        {
            return CryptoStatus.PaddingError;
        }

        if (st != CryptoStatus.Success)
        {
            return st;
        }

        int bad = em[0] | (em[1] ^ 0x02);
        int found = 0;
        int index = 0;
        for (int i = 2; i < k; i++)
        {
            int isZero = ((em[i] - 1) >> 31) & 1;
            int first = (found ^ 1) & isZero;
            index |= (0 - first) & i;
            found |= first;
        }

        // No separator, or PS shorter than 8 bytes (separator before index 10).
        bad |= found ^ 1;
        bad |= ((index - 10) >> 31) & 1;
        int mLen = k - index - 1;
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

        em.Slice(index + 1).CopyTo(plaintext);
        written = mLen;
        em.Clear();
        return CryptoStatus.Success;
    }
}
