using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>MGF1 mask generation (RFC 8017 Appendix B.2.1), XORed into a buffer.</summary>
public static class Mgf1
{
    /// <summary>
    /// target ^= MGF1(seed, target.Length). Constant-time in the seed and target (fixed sequence
    /// of hash calls for a given length). False for an unknown hash.
    /// </summary>
    public static bool TryXorMask(DigestAlgorithm hash, ReadOnlySpan<byte> seed, Span<byte> target)
    {
        int hLen = Digests.SizeOf(hash);
        if (hLen == 0)
        {
            return false;
        }

        Span<byte> counter = stackalloc byte[4];
        Span<byte> block = stackalloc byte[64];
        uint c = 0;
        for (int done = 0; done < target.Length; done += hLen, c++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(counter, c);
            Digests.TryHash(hash, seed, counter, ReadOnlySpan<byte>.Empty, block);
            int take = Math.Min(hLen, target.Length - done);
            for (int i = 0; i < take; i++)
            {
                target[done + i] ^= block[i];
            }
        }

        block.Clear();
        return true;
    }
}
