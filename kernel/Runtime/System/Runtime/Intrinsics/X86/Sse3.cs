using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// SSE3. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Sse3 : Sse2
{
    internal Sse3() { }

    public static new bool IsSupported { get => IsSupported; }

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : Sse2.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }
    }
}
