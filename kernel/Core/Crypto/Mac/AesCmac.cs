using System;
using Lvbs.Kernel.Crypto.Aes;

namespace Lvbs.Kernel.Crypto.Mac;

/// <summary>
/// AES-CMAC (RFC 4493, SP 800-38B). Subkey doubling uses a mask instead of a branch on the
/// secret top bit; tag checks are constant-time.
/// </summary>
public static class AesCmac
{
    /// <summary>Tag size in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>Computes the 16-byte tag of <paramref name="message"/> (RFC 4493 §2.4).</summary>
    public static CryptoStatus Compute(AesKey key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        if (!key.HasKey)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (tag.Length < TagSize)
        {
            return CryptoStatus.BufferTooSmall;
        }

        Span<byte> k1 = stackalloc byte[16];
        Span<byte> k2 = stackalloc byte[16];
        Span<byte> x = stackalloc byte[16];
        // Subkeys (§2.3): L = E(K, 0), K1 = L·x, K2 = K1·x.
        k1.Clear();
        key.EncryptBlock(k1, k1);
        Double(k1);
        k1.CopyTo(k2);
        Double(k2);

        // n blocks; the last is complete (XOR K1) or padded with 10* (XOR K2). Empty → one padded block.
        int n = (message.Length + 15) / 16;
        bool complete = n > 0 && (message.Length & 15) == 0;
        if (n == 0)
        {
            n = 1;
        }

        x.Clear();
        for (int i = 0; i < n - 1; i++)
        {
            for (int j = 0; j < 16; j++)
            {
                x[j] ^= message[16 * i + j];
            }

            key.EncryptBlock(x, x);
        }

        ReadOnlySpan<byte> last = message.Slice(16 * (n - 1));
        ReadOnlySpan<byte> subkey = complete ? k1 : k2;
        for (int j = 0; j < 16; j++)
        {
            byte m = j < last.Length ? last[j] : (j == last.Length ? (byte)0x80 : (byte)0);
            x[j] ^= (byte)(m ^ subkey[j]);
        }

        key.EncryptBlock(x, tag);
        k1.Clear();
        k2.Clear();
        x.Clear();
        return CryptoStatus.Success;
    }

    /// <summary>
    /// Verifies a tag of 8 to 16 bytes (a truncated tag compares with the tag's prefix, SP
    /// 800-38B §6.3). Returns false for a missing key or a tag length outside that range.
    /// </summary>
    public static bool Verify(AesKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> tag)
    {
        if (tag.Length < 8 || tag.Length > TagSize)
        {
            return false;
        }

        Span<byte> full = stackalloc byte[16];
        bool ok = Compute(key, message, full) == CryptoStatus.Success && FixedTime.AreEqual(full.Slice(0, tag.Length), tag);
        full.Clear();
        return ok;
    }

    /// <summary>Multiplies by x in GF(2^128) with R = 0x87 (RFC 4493 §2.3), without branching on the top bit.</summary>
    private static void Double(Span<byte> b)
    {
        int carry = b[0] >> 7;
        for (int i = 0; i < 15; i++)
        {
            b[i] = (byte)((b[i] << 1) | (b[i + 1] >> 7));
        }

        b[15] = (byte)((b[15] << 1) ^ (0x87 & -carry));
    }
}
