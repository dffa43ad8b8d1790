using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// Constant-time software GHASH: SP 800-38D §6.3 Algorithm 1 bit by bit, with every
/// conditional XOR done through an all-ones/all-zeros mask instead of a branch or a table,
/// so timing is independent of H and of the data. Slow (128 steps per block) but only used
/// when PCLMULQDQ is absent or the software path is forced.
/// </summary>
internal static class GhashSoftware
{
    /// <summary>Y ← (Y ⊕ X_i)·H for each 16-byte block (big-endian bit order as in the spec).</summary>
    public static void Update(ReadOnlySpan<byte> h, Span<byte> y, ReadOnlySpan<byte> data)
    {
        ulong hHi = BinaryPrimitives.ReadUInt64BigEndian(h);
        ulong hLo = BinaryPrimitives.ReadUInt64BigEndian(h.Slice(8));
        ulong yHi = BinaryPrimitives.ReadUInt64BigEndian(y);
        ulong yLo = BinaryPrimitives.ReadUInt64BigEndian(y.Slice(8));
        for (int i = 0; i + 16 <= data.Length; i += 16)
        {
            ulong xHi = yHi ^ BinaryPrimitives.ReadUInt64BigEndian(data.Slice(i));
            ulong xLo = yLo ^ BinaryPrimitives.ReadUInt64BigEndian(data.Slice(i + 8));
            ulong zHi = 0, zLo = 0, vHi = hHi, vLo = hLo;
            for (int bit = 0; bit < 128; bit++)
            {
                // Bit `bit` of X, counted from the most significant bit of the block.
                ulong word = bit < 64 ? xHi : xLo;
                ulong mask = 0UL - ((word >> (63 - (bit & 63))) & 1);
                zHi ^= vHi & mask;
                zLo ^= vLo & mask;
                // V ← V·x: shift right one bit, fold R = 11100001 || 0^120 if a bit fell off.
                ulong carry = 0UL - (vLo & 1);
                vLo = (vLo >> 1) | (vHi << 63);
                vHi = (vHi >> 1) ^ (0xE100000000000000UL & carry);
            }

            yHi = zHi;
            yLo = zLo;
        }

        BinaryPrimitives.WriteUInt64BigEndian(y, yHi);
        BinaryPrimitives.WriteUInt64BigEndian(y.Slice(8), yLo);
    }
}
