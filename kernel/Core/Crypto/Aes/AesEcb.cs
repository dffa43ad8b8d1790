using System;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// ECB mode (SP 800-38A §6.1). Only for building other modes and for test vectors: ECB leaks
/// equal plaintext blocks.
/// </summary>
public static class AesEcb
{
    /// <summary>Encrypts whole blocks. Fails with <see cref="CryptoStatus.InvalidLength"/> if the length is not a multiple of 16, <see cref="CryptoStatus.BufferTooSmall"/> if the destination is shorter.</summary>
    public static CryptoStatus Encrypt(AesKey key, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        CryptoStatus status = Check(key, plaintext.Length, ciphertext.Length);
        if (status == CryptoStatus.Success)
        {
            key.EncryptBlocks(plaintext, ciphertext.Slice(0, plaintext.Length));
        }

        return status;
    }

    /// <summary>Decrypts whole blocks; same rules as <see cref="Encrypt"/>.</summary>
    public static CryptoStatus Decrypt(AesKey key, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        CryptoStatus status = Check(key, ciphertext.Length, plaintext.Length);
        if (status == CryptoStatus.Success)
        {
            key.DecryptBlocks(ciphertext, plaintext.Slice(0, ciphertext.Length));
        }

        return status;
    }

    private static CryptoStatus Check(AesKey key, int inputLength, int outputLength)
    {
        if (!key.HasKey)
        {
            return CryptoStatus.InvalidParameter;
        }

        if ((inputLength & 15) != 0)
        {
            return CryptoStatus.InvalidLength;
        }

        return outputLength < inputLength ? CryptoStatus.BufferTooSmall : CryptoStatus.Success;
    }
}
