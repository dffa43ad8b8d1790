using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// BMI1. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Bmi1 : X86Base
{
    internal Bmi1() { }

    public static new bool IsSupported { get => IsSupported; }

    public static uint AndNot(uint left, uint right) => AndNot(left, right);

    public static uint TrailingZeroCount(uint value) => TrailingZeroCount(value);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : X86Base.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }

        public static ulong AndNot(ulong left, ulong right) => AndNot(left, right);

        public static ulong TrailingZeroCount(ulong value) => TrailingZeroCount(value);
    }
}
