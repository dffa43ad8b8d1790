using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// BMI2. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Bmi2 : X86Base
{
    internal Bmi2() { }

    public static new bool IsSupported { get => IsSupported; }

    public static uint MultiplyNoFlags(uint left, uint right) => MultiplyNoFlags(left, right);

    public static uint ParallelBitDeposit(uint value, uint mask) => ParallelBitDeposit(value, mask);

    public static uint ParallelBitExtract(uint value, uint mask) => ParallelBitExtract(value, mask);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : X86Base.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }

        public static ulong MultiplyNoFlags(ulong left, ulong right) => MultiplyNoFlags(left, right);

        public static unsafe ulong MultiplyNoFlags(ulong left, ulong right, ulong* low) => MultiplyNoFlags(left, right, low);

        public static ulong ParallelBitDeposit(ulong value, ulong mask) => ParallelBitDeposit(value, mask);

        public static ulong ParallelBitExtract(ulong value, ulong mask) => ParallelBitExtract(value, mask);
    }
}
