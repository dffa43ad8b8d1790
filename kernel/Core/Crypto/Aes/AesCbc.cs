using System;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// CBC mode (SP 800-38A §6.2), without padding or with PKCS#7 padding (RFC 5652 §6.3).
/// Padding removal is constant-time in the padding contents: the check reads the whole last
/// block and folds every comparison into one mask, and the only branch is on the final verdict.
/// (CBC without a MAC is still malleable; authenticate ciphertexts before decrypting them.)
/// </summary>
public static class AesCbc
{
    /// <summary>Encrypts whole blocks (no padding). Length must be a multiple of 16.</summary>
    public static CryptoStatus Encrypt(AesKey key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        CryptoStatus status = Check(key, iv, plaintext.Length, ciphertext.Length);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        Span<byte> chain = stackalloc byte[16];
        iv.CopyTo(chain);
        EncryptBlocks(key, chain, plaintext, ciphertext);
        return CryptoStatus.Success;
    }

    /// <summary>Decrypts whole blocks (no padding). In-place is allowed.</summary>
    public static CryptoStatus Decrypt(AesKey key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        CryptoStatus status = Check(key, iv, ciphertext.Length, plaintext.Length);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        Span<byte> chain = stackalloc byte[16];
        iv.CopyTo(chain);
        DecryptBlocks(key, chain, ciphertext, plaintext);
        return CryptoStatus.Success;
    }

    /// <summary>Ciphertext length for a PKCS#7-padded plaintext of the given length (always 1–16 bytes longer).</summary>
    public static int PaddedLength(int plaintextLength) => (plaintextLength & ~15) + 16;

    /// <summary>
    /// Pads with PKCS#7 and encrypts. <paramref name="ciphertext"/> must hold
    /// <see cref="PaddedLength"/> bytes; <paramref name="written"/> is that length on success.
    /// </summary>
    public static CryptoStatus EncryptPkcs7(AesKey key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, out int written)
    {
        written = 0;
        int total = PaddedLength(plaintext.Length);
        CryptoStatus status = Check(key, iv, 0, ciphertext.Length);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        if (ciphertext.Length < total)
        {
            return CryptoStatus.BufferTooSmall;
        }

        int whole = plaintext.Length & ~15;
        Span<byte> chain = stackalloc byte[16];
        iv.CopyTo(chain);
        EncryptBlocks(key, chain, plaintext.Slice(0, whole), ciphertext);
        Span<byte> last = stackalloc byte[16];
        int rest = plaintext.Length - whole;
        plaintext.Slice(whole).CopyTo(last);
        last.Slice(rest).Fill((byte)(16 - rest));
        EncryptBlocks(key, chain, last, ciphertext.Slice(whole, 16));
        last.Clear();
        written = total;
        return CryptoStatus.Success;
    }

    /// <summary>
    /// Decrypts and removes PKCS#7 padding. Returns <see cref="CryptoStatus.PaddingError"/> for
    /// bad padding and <see cref="CryptoStatus.InvalidLength"/> for an empty or non-block-aligned
    /// ciphertext. <paramref name="plaintext"/> must hold the unpadded data (at most
    /// ciphertext.Length − 1 bytes); on failure nothing is written and <paramref name="written"/> is 0.
    /// </summary>
    public static CryptoStatus DecryptPkcs7(AesKey key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, out int written)
    {
        written = 0;
        if (!key.HasKey || iv.Length != 16)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (ciphertext.IsEmpty || (ciphertext.Length & 15) != 0)
        {
            return CryptoStatus.InvalidLength;
        }

        // Decrypt the final block first (its chaining value is the previous ciphertext block)
        // so the padding is known before any plaintext is written.
        int lastOffset = ciphertext.Length - 16;
        Span<byte> last = stackalloc byte[16];
        key.DecryptBlocks(ciphertext.Slice(lastOffset), last);
        ReadOnlySpan<byte> previous = lastOffset == 0 ? iv : ciphertext.Slice(lastOffset - 16, 16);
        for (int i = 0; i < 16; i++)
        {
            last[i] ^= previous[i];
        }

        int pad = last[15];
        // good = all-ones iff 1 ≤ pad ≤ 16 and the last `pad` bytes all equal pad.
        int good = ~((pad - 1) >> 31) & ((pad - 17) >> 31);
        for (int i = 0; i < 16; i++)
        {
            int inPad = (15 - i - pad) >> 31;              // all-ones if position i is inside the padding
            int equal = ((last[i] ^ pad) - 1) >> 31;         // all-ones if last[i] == pad
            good &= ~inPad | equal;
        }

        if (good == 0)
        {
            last.Clear();
            return CryptoStatus.PaddingError;
        }

        int length = ciphertext.Length - pad;
        if (plaintext.Length < length)
        {
            last.Clear();
            return CryptoStatus.BufferTooSmall;
        }

        if (lastOffset > 0)
        {
            Span<byte> chain = stackalloc byte[16];
            iv.CopyTo(chain);
            DecryptBlocks(key, chain, ciphertext.Slice(0, lastOffset), plaintext.Slice(0, lastOffset));
        }

        last.Slice(0, 16 - pad).CopyTo(plaintext.Slice(lastOffset));
        last.Clear();
        written = length;
        return CryptoStatus.Success;
    }

    private static CryptoStatus Check(AesKey key, ReadOnlySpan<byte> iv, int inputLength, int outputLength)
    {
        if (!key.HasKey || iv.Length != 16)
        {
            return CryptoStatus.InvalidParameter;
        }

        if ((inputLength & 15) != 0)
        {
            return CryptoStatus.InvalidLength;
        }

        return outputLength < inputLength ? CryptoStatus.BufferTooSmall : CryptoStatus.Success;
    }

    private static void EncryptBlocks(AesKey key, Span<byte> chain, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (key.UsesHardware)
        {
            AesIntrinsics.CbcEncrypt(key.EncryptionKeyBytes, key.Rounds, chain, src, dst);
            return;
        }

        for (int i = 0; i + 16 <= src.Length; i += 16)
        {
            for (int j = 0; j < 16; j++)
            {
                chain[j] ^= src[i + j];
            }

            key.EncryptBlock(chain, chain);
            chain.CopyTo(dst.Slice(i));
        }
    }

    private static void DecryptBlocks(AesKey key, Span<byte> chain, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (key.UsesHardware)
        {
            AesIntrinsics.CbcDecrypt(key.DecryptionKeyBytes, key.Rounds, chain, src, dst);
            return;
        }

        Span<byte> c = stackalloc byte[16];
        for (int i = 0; i + 16 <= src.Length; i += 16)
        {
            src.Slice(i, 16).CopyTo(c);
            key.DecryptBlocks(c, dst.Slice(i, 16));
            for (int j = 0; j < 16; j++)
            {
                dst[i + j] ^= chain[j];
            }

            c.CopyTo(chain);
        }
    }
}
