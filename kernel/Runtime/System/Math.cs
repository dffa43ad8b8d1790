namespace System;

/// <summary>Integer math (no floating point in the kernel).</summary>
public static class Math
{
    public static int Min(int a, int b) => a <= b ? a : b;
    public static uint Min(uint a, uint b) => a <= b ? a : b;
    public static long Min(long a, long b) => a <= b ? a : b;
    public static ulong Min(ulong a, ulong b) => a <= b ? a : b;
    public static nint Min(nint a, nint b) => a <= b ? a : b;
    public static nuint Min(nuint a, nuint b) => a <= b ? a : b;
    public static int Max(int a, int b) => a >= b ? a : b;
    public static uint Max(uint a, uint b) => a >= b ? a : b;
    public static long Max(long a, long b) => a >= b ? a : b;
    public static ulong Max(ulong a, ulong b) => a >= b ? a : b;
    public static nint Max(nint a, nint b) => a >= b ? a : b;
    public static nuint Max(nuint a, nuint b) => a >= b ? a : b;

    public static int Abs(int value)
    {
        if (value == int.MinValue)
        {
            ThrowHelpers.ThrowOverflowException();
        }
        return value < 0 ? -value : value;
    }

    public static long Abs(long value)
    {
        if (value == long.MinValue)
        {
            ThrowHelpers.ThrowOverflowException();
        }
        return value < 0 ? -value : value;
    }

    /// <summary>The full 128-bit product of two 64-bit values. Constant time: no data-dependent branch.</summary>
    public static ulong BigMul(ulong a, ulong b, out ulong low)
    {
        ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
        ulong ll = aLow * bLow, lh = aLow * bHigh, hl = aHigh * bLow, hh = aHigh * bHigh;
        ulong middle = (ll >> 32) + (uint)lh + (uint)hl;
        low = (middle << 32) | (uint)ll;
        return hh + (lh >> 32) + (hl >> 32) + (middle >> 32);
    }

    public static long BigMul(int a, int b) => (long)a * b;

    public static ulong BigMul(uint a, uint b) => (ulong)a * b;

    public static int DivRem(int a, int b, out int result)
    {
        int quotient = a / b;
        result = a - quotient * b;
        return quotient;
    }

    // Checked floating-point conversions: the compiler's helpers for conv.ovf from float/double.
    // The kernel does no floating point; these exist because the compiler asks for them.
    private static int ConvertToInt32Checked(double value)
    {
        if (!(value > -2147483649.0 && value < 2147483648.0))
        {
            ThrowHelpers.ThrowOverflowException();
        }
        return unchecked((int)value);
    }

    private static uint ConvertToUInt32Checked(double value)
    {
        if (!(value > -1.0 && value < 4294967296.0))
        {
            ThrowHelpers.ThrowOverflowException();
        }
        return unchecked((uint)value);
    }

    private static long ConvertToInt64Checked(double value)
    {
        if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0))
        {
            ThrowHelpers.ThrowOverflowException();
        }
        return unchecked((long)value);
    }

    private static ulong ConvertToUInt64Checked(double value)
    {
        if (!(value > -1.0 && value < 18446744073709551616.0))
        {
            ThrowHelpers.ThrowOverflowException();
        }
        return unchecked((ulong)value);
    }
}
