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

    /// <summary>
    /// The full 128-bit product of two 64-bit values: one <c>mul</c> in boot.asm's
    /// <c>lvbs_mul128</c>. ILCompiler 10 has no intrinsic for it below BMI2 (which only comes
    /// with the AVX2 baseline), and the call costs less than the four-multiply software form.
    /// Constant time: <c>mul</c>'s latency does not depend on its operands.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static unsafe ulong BigMul(ulong a, ulong b, out ulong low)
    {
        ulong l;

        // SAFETY: lvbs_mul128 writes exactly one ulong through the pointer, which is a local.
        ulong high = Mul128(a, b, &l);
        low = l;
        return high;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall)]
    [System.Runtime.RuntimeImport("lvbs_mul128")]
    private static extern unsafe ulong Mul128(ulong a, ulong b, ulong* low);

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
