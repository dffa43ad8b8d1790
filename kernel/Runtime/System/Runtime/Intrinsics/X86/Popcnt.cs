using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// POPCNT. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Popcnt : Sse42
{
    internal Popcnt() { }

    public static new bool IsSupported { get => IsSupported; }

    public static uint PopCount(uint value) => PopCount(value);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : Sse42.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }

        public static ulong PopCount(ulong value) => PopCount(value);
    }
}
