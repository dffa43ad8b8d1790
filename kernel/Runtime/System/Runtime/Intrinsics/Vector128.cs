using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace System.Runtime.Intrinsics;

/// <summary>
/// A 128-bit SIMD value. ILCompiler's JIT recognises this type by name in the system module and
/// keeps it in XMM registers; the bodies below are software fallbacks with .NET's meaning.
/// </summary>
[Intrinsic]
[StructLayout(LayoutKind.Sequential, Size = 16)]
public readonly struct Vector128<T> where T : struct
{
#pragma warning disable CS0169
    private readonly ulong _lower;
    private readonly ulong _upper;
#pragma warning restore CS0169

    public static Vector128<T> Zero
    {
        [Intrinsic]
        get => default;
    }

    public static int Count
    {
        [Intrinsic]
        get => 16 / Unsafe.SizeOf<T>();
    }

    [Intrinsic]
    public static Vector128<T> operator ^(Vector128<T> left, Vector128<T> right)
    {
        Vector128<ulong> l = Unsafe.As<Vector128<T>, Vector128<ulong>>(ref left);
        Vector128<ulong> r = Unsafe.As<Vector128<T>, Vector128<ulong>>(ref right);
        Vector128<ulong> result = Vector128.Create(l.GetLower64() ^ r.GetLower64(), l.GetUpper64() ^ r.GetUpper64());
        return Unsafe.As<Vector128<ulong>, Vector128<T>>(ref result);
    }

    [Intrinsic]
    public static Vector128<T> operator &(Vector128<T> left, Vector128<T> right)
    {
        Vector128<ulong> l = Unsafe.As<Vector128<T>, Vector128<ulong>>(ref left);
        Vector128<ulong> r = Unsafe.As<Vector128<T>, Vector128<ulong>>(ref right);
        Vector128<ulong> result = Vector128.Create(l.GetLower64() & r.GetLower64(), l.GetUpper64() & r.GetUpper64());
        return Unsafe.As<Vector128<ulong>, Vector128<T>>(ref result);
    }

    [Intrinsic]
    public static Vector128<T> operator |(Vector128<T> left, Vector128<T> right)
    {
        Vector128<ulong> l = Unsafe.As<Vector128<T>, Vector128<ulong>>(ref left);
        Vector128<ulong> r = Unsafe.As<Vector128<T>, Vector128<ulong>>(ref right);
        Vector128<ulong> result = Vector128.Create(l.GetLower64() | r.GetLower64(), l.GetUpper64() | r.GetUpper64());
        return Unsafe.As<Vector128<ulong>, Vector128<T>>(ref result);
    }

    internal ulong GetLower64() => _lower;

    internal ulong GetUpper64() => _upper;
}
