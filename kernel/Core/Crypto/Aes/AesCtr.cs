using System;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// CTR mode (SP 800-38A §6.5) with the whole 16-byte counter block incremented as a big-endian
/// integer (Appendix B.1 with m = 128). Encryption and decryption are the same operation.
/// </summary>
public static class AesCtr
{
    /// <summary>
    /// XORs the keystream starting at <paramref name="counter"/> into <paramref name="destination"/>.
    /// <paramref name="counter"/> (16 bytes) is advanced by the number of blocks used, so a
    /// message can be processed in pieces whose lengths (except the last) are multiples of 16.
    /// In-place is allowed.
    /// </summary>
    public static CryptoStatus Transform(AesKey key, Span<byte> counter, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!key.HasKey || counter.Length != 16)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (destination.Length < source.Length)
        {
            return CryptoStatus.BufferTooSmall;
        }

        Keystream(key, counter, false, source, destination);
        return CryptoStatus.Success;
    }

    /// <summary>Shared by CTR and GCM: whole blocks through the fast path, a final partial block through a stack buffer.</summary>
    internal static void Keystream(AesKey key, Span<byte> counter, bool increment32, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int whole = source.Length & ~15;
        if (key.UsesHardware)
        {
            AesIntrinsics.CtrXor(key.EncryptionKeyBytes, key.Rounds, counter, increment32, source.Slice(0, whole), destination);
        }
        else
        {
            // Four counter blocks per call so the bitsliced S-box is shared.
            Span<byte> ks = stackalloc byte[64];
            for (int i = 0; i < whole; i += 64)
            {
                int n = Math.Min(64, whole - i);
                for (int b = 0; b < n; b += 16)
                {
                    counter.CopyTo(ks.Slice(b));
                    Increment(counter, increment32);
                }

                key.EncryptBlocks(ks.Slice(0, n), ks.Slice(0, n));
                for (int j = 0; j < n; j++)
                {
                    destination[i + j] = (byte)(source[i + j] ^ ks[j]);
                }
            }

            ks.Clear();
        }

        int rest = source.Length - whole;
        if (rest > 0)
        {
            Span<byte> ks = stackalloc byte[16];
            key.EncryptBlock(counter, ks);
            for (int j = 0; j < rest; j++)
            {
                destination[whole + j] = (byte)(source[whole + j] ^ ks[j]);
            }

            Increment(counter, increment32);
            ks.Clear();
        }
    }

    /// <summary>Big-endian increment of the last 4 bytes (inc32) or of all 16.</summary>
    internal static void Increment(Span<byte> counter, bool increment32)
    {
        int stop = increment32 ? 12 : 0;
        // Counter blocks are public, so a carry loop is fine here.
        for (int i = 15; i >= stop; i--)
        {
            if (++counter[i] != 0)
            {
                break;
            }
        }
    }
}
