using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// SSSE3. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Ssse3 : Sse3
{
    internal Ssse3() { }

    public static new bool IsSupported { get => IsSupported; }

    public static Vector128<byte> Shuffle(Vector128<byte> value, Vector128<byte> mask) => Shuffle(value, mask);

    public static Vector128<sbyte> Shuffle(Vector128<sbyte> value, Vector128<sbyte> mask) => Shuffle(value, mask);

    public static Vector128<byte> AlignRight(Vector128<byte> left, Vector128<byte> right, [ConstantExpected] byte mask) => AlignRight(left, right, mask);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : Sse3.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }
    }
}
