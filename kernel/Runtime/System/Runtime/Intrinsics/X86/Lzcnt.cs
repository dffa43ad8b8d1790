using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// LZCNT. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Lzcnt : X86Base
{
    internal Lzcnt() { }

    public static new bool IsSupported { get => IsSupported; }

    public static uint LeadingZeroCount(uint value) => LeadingZeroCount(value);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : X86Base.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }

        public static ulong LeadingZeroCount(ulong value) => LeadingZeroCount(value);
    }
}
