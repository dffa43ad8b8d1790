using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// the base x86-64 instruction set. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class X86Base
{
    internal X86Base() { }

    public static bool IsSupported { get => IsSupported; }

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public abstract class X64
    {
        internal X64() { }

        public static bool IsSupported { get => IsSupported; }
    }
}
