using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// SSE4.1. Members are replaced by the instruction by the JIT (self-calls never run, as in
/// .NET's CoreLib); <c>IsSupported</c> is fixed at compile time by the image's instruction-set baseline.
/// </summary>
[Intrinsic]
public abstract class Sse41 : Ssse3
{
    internal Sse41() { }

    public static new bool IsSupported { get => IsSupported; }

    public static byte Extract(Vector128<byte> value, [ConstantExpected] byte index) => Extract(value, index);

    public static uint Extract(Vector128<uint> value, [ConstantExpected] byte index) => Extract(value, index);

    public static int Extract(Vector128<int> value, [ConstantExpected] byte index) => Extract(value, index);

    public static Vector128<byte> Insert(Vector128<byte> value, byte data, [ConstantExpected] byte index) => Insert(value, data, index);

    public static Vector128<uint> Insert(Vector128<uint> value, uint data, [ConstantExpected] byte index) => Insert(value, data, index);

    public static Vector128<int> Insert(Vector128<int> value, int data, [ConstantExpected] byte index) => Insert(value, data, index);

    public static bool TestZ(Vector128<byte> left, Vector128<byte> right) => TestZ(left, right);

    public static bool TestZ(Vector128<ulong> left, Vector128<ulong> right) => TestZ(left, right);

    /// <summary>The 64-bit-only members.</summary>
    [Intrinsic]
    public new abstract class X64 : Ssse3.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }

        public static ulong Extract(Vector128<ulong> value, [ConstantExpected] byte index) => Extract(value, index);

        public static Vector128<ulong> Insert(Vector128<ulong> value, ulong data, [ConstantExpected] byte index) => Insert(value, data, index);
    }
}
