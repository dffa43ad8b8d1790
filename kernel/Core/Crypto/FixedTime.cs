using System;

namespace Lvbs.Kernel.Crypto;

/// <summary>
/// Constant-time helpers for comparing and erasing secrets.
/// </summary>
public static class FixedTime
{
    /// <summary>
    /// True if both spans have the same length and contents. Constant-time in the contents: every
    /// byte is visited and differences are accumulated with OR, so the running time depends only
    /// on the (public) lengths.
    /// </summary>
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        int diff = 0;
        for (int i = 0; i < left.Length; i++)
        {
            diff |= left[i] ^ right[i];
        }

        // Map 0 -> true, 1..255 -> false without a data-dependent branch on the individual bytes.
        return ((diff - 1) >> 8 & 1) == 1;
    }

    /// <summary>Overwrites a buffer that held secret material.</summary>
    public static void Clear(Span<byte> secret) => secret.Clear();
}
