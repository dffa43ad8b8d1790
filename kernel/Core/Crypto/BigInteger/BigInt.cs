using System;

namespace Lvbs.Kernel.Crypto.BigInteger;

/// <summary>
/// An immutable signed arbitrary-precision integer (sign and magnitude), the arithmetic core of
/// the GlobalPlatform TEE_BigInt API (TEE Internal Core API §8.7–8.10): add, subtract, multiply,
/// truncating division, non-negative modulus, modular inverse, comparison, shifts, bit access and
/// octet-string conversion. Zero is never negative.
/// </summary>
/// <remarks>
/// Variable-time, and each operation allocates its result: this type serves the TA-facing API,
/// whose operands are the caller's own data. Private-key operations use <see cref="MontgomeryContext"/>.
/// </remarks>
public sealed class BigInt
{
    private static readonly ulong[] s_none = new ulong[0];
    private readonly ulong[] _mag;

    private BigInt(bool negative, ulong[] magnitude)
    {
        int n = Natural.SignificantLimbs(magnitude);
        _mag = n == magnitude.Length ? magnitude : magnitude.AsSpan(0, n).ToArray();
        IsNegative = negative && n != 0;
    }

    /// <summary>Zero.</summary>
    public static BigInt Zero { get; } = new BigInt(false, s_none);

    /// <summary>True when the value is below zero.</summary>
    public bool IsNegative { get; }

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => _mag.Length == 0;

    /// <summary>The magnitude |x| as little-endian limbs (no leading zero limbs).</summary>
    public ReadOnlySpan<ulong> Magnitude => _mag;

    /// <summary>Number of significant bits of |x|.</summary>
    public int BitLength => Natural.BitLength(_mag);

    /// <summary>A value from a 64-bit signed integer (TEE_BigIntConvertFromS32 generalised).</summary>
    public static BigInt FromInt64(long value)
    {
        ulong mag = value < 0 ? 0UL - (ulong)value : (ulong)value;
        return new BigInt(value < 0, new[] { mag });
    }

    /// <summary>A value from limbs and a sign.</summary>
    public static BigInt FromLimbs(ReadOnlySpan<ulong> magnitude, bool negative) => new BigInt(negative, magnitude.ToArray());

    /// <summary>
    /// TEE_BigIntConvertFromOctetString (§8.8.1): |x| from big-endian bytes, negative when
    /// sign &lt; 0. Any length is accepted.
    /// </summary>
    public static BigInt FromOctetString(ReadOnlySpan<byte> buffer, int sign)
    {
        ulong[] mag = new ulong[(buffer.Length + 7) / 8];
        Natural.FromBigEndianFixed(mag, buffer);
        return new BigInt(sign < 0, mag);
    }

    /// <summary>
    /// TEE_BigIntConvertToOctetString (§8.8.2): |x| as minimal big-endian bytes into buffer.
    /// Returns false (nothing written) when buffer is too short; written is the needed length.
    /// </summary>
    public bool TryToOctetString(Span<byte> buffer, out int written)
    {
        written = (BitLength + 7) / 8;
        if (buffer.Length < written)
        {
            return false;
        }

        return Natural.TryToBigEndian(_mag, buffer.Slice(0, written));
    }

    /// <summary>TEE_BigIntCmp (§8.7.1): -1, 0 or 1.</summary>
    public static int Compare(BigInt a, BigInt b)
    {
        if (a.IsNegative != b.IsNegative)
        {
            return a.IsNegative ? -1 : 1;
        }

        int c = Natural.Compare(a._mag, b._mag);
        return a.IsNegative ? -c : c;
    }

    /// <summary>TEE_BigIntGetBit (§8.7.3): bit index of |x|.</summary>
    public bool GetBit(int index) => index >= 0 && Natural.GetBit(_mag, index) != 0;

    /// <summary>TEE_BigIntShiftRight (§8.7.2): |x| &gt;&gt; bits, keeping the sign of x.</summary>
    public BigInt ShiftRight(int bits)
    {
        if (bits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits));
        }

        ulong[] r = new ulong[_mag.Length];
        Natural.ShiftRight(r, _mag, bits);
        return new BigInt(IsNegative, r);
    }

    /// <summary>TEE_BigIntAdd (§8.9.1).</summary>
    public static BigInt Add(BigInt a, BigInt b)
    {
        if (a.IsNegative == b.IsNegative)
        {
            ulong[] r = new ulong[Math.Max(a._mag.Length, b._mag.Length) + 1];
            Natural.Add(r, a._mag, b._mag);
            return new BigInt(a.IsNegative, r);
        }

        // Different signs: subtract the smaller magnitude from the larger.
        int c = Natural.Compare(a._mag, b._mag);
        if (c == 0)
        {
            return Zero;
        }

        BigInt big = c > 0 ? a : b;
        BigInt small = c > 0 ? b : a;
        ulong[] d = new ulong[big._mag.Length];
        Natural.Sub(d, big._mag, small._mag);
        return new BigInt(big.IsNegative, d);
    }

    /// <summary>TEE_BigIntNeg (§8.9.2 companion): -x.</summary>
    public BigInt Negate() => new BigInt(!IsNegative, _mag);

    /// <summary>TEE_BigIntSub (§8.9.2).</summary>
    public static BigInt Subtract(BigInt a, BigInt b) => Add(a, b.Negate());

    /// <summary>TEE_BigIntMul (§8.9.4).</summary>
    public static BigInt Multiply(BigInt a, BigInt b)
    {
        if (a.IsZero || b.IsZero)
        {
            return Zero;
        }

        ulong[] r = new ulong[a._mag.Length + b._mag.Length];
        Natural.Mul(r, a._mag, b._mag);
        return new BigInt(a.IsNegative != b.IsNegative, r);
    }

    /// <summary>
    /// TEE_BigIntDiv (§8.9.6): quotient truncated toward zero and remainder with the sign of the
    /// dividend (a = q·b + r, |r| &lt; |b|). False when b is zero.
    /// </summary>
    public static bool TryDivide(BigInt a, BigInt b, out BigInt quotient, out BigInt remainder)
    {
        quotient = Zero;
        remainder = Zero;
        if (b.IsZero)
        {
            return false;
        }

        ulong[] q = new ulong[Math.Max(a._mag.Length, 1)];
        ulong[] r = new ulong[b._mag.Length];
        if (!Division.TryDivRem(a._mag, b._mag, a._mag.Length == 0 ? Span<ulong>.Empty : q, r))
        {
            return false;
        }

        quotient = new BigInt(a.IsNegative != b.IsNegative, q);
        remainder = new BigInt(a.IsNegative, r);
        return true;
    }

    /// <summary>TEE_BigIntMod (§8.10.1): a mod n in [0, n) for n &gt; 0; false otherwise.</summary>
    public static bool TryMod(BigInt a, BigInt n, out BigInt result)
    {
        result = Zero;
        if (n.IsZero || n.IsNegative || !TryDivide(a, n, out _, out BigInt r))
        {
            return false;
        }

        result = r.IsNegative ? Add(r, n) : r;
        return true;
    }

    /// <summary>
    /// TEE_BigIntInvMod (§8.10.5): x with a·x ≡ 1 (mod n), 0 ≤ x &lt; n. False when n ≤ 1 or
    /// gcd(a, n) ≠ 1. Extended Euclid on signed values (works for even n).
    /// </summary>
    public static bool TryInvMod(BigInt a, BigInt n, out BigInt result)
    {
        result = Zero;
        if (n.IsNegative || n.BitLength <= 1 || !TryMod(a, n, out BigInt r1))
        {
            return false;
        }

        BigInt r0 = n;
        BigInt t0 = Zero;
        BigInt t1 = FromInt64(1);
        while (!r1.IsZero)
        {
            TryDivide(r0, r1, out BigInt q, out BigInt rem);
            r0 = r1;
            r1 = rem;
            BigInt t = Subtract(t0, Multiply(q, t1));
            t0 = t1;
            t1 = t;
        }

        if (r0.BitLength != 1 || r0.IsNegative)
        {
            return false;
        }

        return TryMod(t0, n, out result);
    }
}
