using System;

namespace Lvbs.Kernel.Crypto;

/// <summary>
/// Width-w non-adjacent form (wNAF) of a public scalar, for the variable-time multiplications of
/// signature verification (ECDSA, Ed25519): k = Σ naf[i]·2^i with every digit odd in
/// (−2^(w−1), 2^(w−1)) or zero, and at most one non-zero digit in any w consecutive positions.
/// </summary>
/// <remarks>
/// Variable-time (it branches on the scalar's bits): never for secret scalars.
/// </remarks>
public static class NonAdjacentForm
{
    /// <summary>
    /// Recodes k (little-endian limbs) for width 2 ≤ w ≤ 8 into naf (at least 64·k.Length + 1
    /// entries; the digit above the top limb takes the final carry). Returns the index of the
    /// top non-zero digit, or −1 for zero.
    /// </summary>
    public static int Recode(ReadOnlySpan<ulong> k, int width, Span<sbyte> naf)
    {
        int bits = k.Length * 64;
        naf.Slice(0, bits + 1).Clear();
        ulong size = 1UL << width;
        ulong mask = size - 1;
        int pos = 0;
        int top = -1;
        ulong carry = 0;
        while (pos <= bits)
        {
            ulong window = carry + (Window(k, pos) & mask);
            if ((window & 1) == 0)
            {
                pos++;
                continue;
            }

            if (window < size / 2)
            {
                carry = 0;
                naf[pos] = (sbyte)window;
            }
            else
            {
                carry = 1;
                naf[pos] = (sbyte)((long)window - (long)size);
            }

            top = pos;
            pos += width;
        }

        return top;
    }

    /// <summary>Bits pos.. of k (zero beyond the top limb).</summary>
    private static ulong Window(ReadOnlySpan<ulong> k, int pos)
    {
        int idx = pos >> 6;
        int bit = pos & 63;
        ulong lo = idx < k.Length ? k[idx] >> bit : 0;
        ulong hi = bit != 0 && idx + 1 < k.Length ? k[idx + 1] << (64 - bit) : 0;
        return lo | hi;
    }
}
