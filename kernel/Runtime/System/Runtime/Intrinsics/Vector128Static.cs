using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics;

/// <summary>Creation, reinterpretation, loads and stores of <see cref="Vector128{T}"/> (subset of .NET's).</summary>
[Intrinsic]
public static unsafe class Vector128
{
    public static bool IsHardwareAccelerated
    {
        [Intrinsic]
        get => false;
    }

    [Intrinsic]
    public static Vector128<ulong> Create(ulong lower, ulong upper)
    {
        ulong* pair = stackalloc ulong[2];
        pair[0] = lower;
        pair[1] = upper;
        return *(Vector128<ulong>*)pair;
    }

    [Intrinsic]
    public static Vector128<uint> Create(uint e0, uint e1, uint e2, uint e3) =>
        Create(e0 | ((ulong)e1 << 32), e2 | ((ulong)e3 << 32)).AsUInt32();

    [Intrinsic]
    public static Vector128<byte> Create(byte value)
    {
        ulong lane = value * 0x0101010101010101UL;
        return Create(lane, lane).AsByte();
    }

    [Intrinsic]
    public static Vector128<ulong> Create(ulong value) => Create(value, value);

    [Intrinsic]
    public static Vector128<uint> Create(uint value) => Create(value, value, value, value);

    [Intrinsic]
    public static Vector128<byte> Create(ReadOnlySpan<byte> values)
    {
        if (values.Length < 16)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.AsRef(in values.GetPinnableReference()));
    }

    [Intrinsic]
    public static Vector128<T> LoadUnsafe<T>(ref readonly T source) where T : struct =>
        Unsafe.ReadUnaligned<Vector128<T>>(ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in source)));

    [Intrinsic]
    public static Vector128<T> LoadUnsafe<T>(ref readonly T source, nuint elementOffset) where T : struct =>
        LoadUnsafe(ref Unsafe.Add(ref Unsafe.AsRef(in source), elementOffset));

    [Intrinsic]
    public static void StoreUnsafe<T>(this Vector128<T> source, ref T destination) where T : struct =>
        Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref destination), source);

    [Intrinsic]
    public static void StoreUnsafe<T>(this Vector128<T> source, ref T destination, nuint elementOffset) where T : struct =>
        StoreUnsafe(source, ref Unsafe.Add(ref destination, elementOffset));

    [Intrinsic]
    public static void CopyTo<T>(this Vector128<T> vector, Span<T> destination) where T : struct
    {
        if (destination.Length < Vector128<T>.Count)
        {
            ThrowHelpers.ThrowArgumentException("Destination is too short.");
        }
        Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref destination.GetPinnableReference()), vector);
    }

    [Intrinsic]
    public static Vector128<byte> AsByte<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<byte>>(ref vector);

    [Intrinsic]
    public static Vector128<sbyte> AsSByte<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<sbyte>>(ref vector);

    [Intrinsic]
    public static Vector128<ushort> AsUInt16<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<ushort>>(ref vector);

    [Intrinsic]
    public static Vector128<uint> AsUInt32<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<uint>>(ref vector);

    [Intrinsic]
    public static Vector128<int> AsInt32<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<int>>(ref vector);

    [Intrinsic]
    public static Vector128<ulong> AsUInt64<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<ulong>>(ref vector);

    [Intrinsic]
    public static Vector128<long> AsInt64<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, Vector128<long>>(ref vector);

    [Intrinsic]
    public static T GetElement<T>(this Vector128<T> vector, int index) where T : struct
    {
        if ((uint)index >= (uint)Vector128<T>.Count)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.Add(ref Unsafe.As<Vector128<T>, T>(ref vector), index);
    }

    [Intrinsic]
    public static T ToScalar<T>(this Vector128<T> vector) where T : struct => Unsafe.As<Vector128<T>, T>(ref vector);

    [Intrinsic]
    public static Vector128<T> Xor<T>(Vector128<T> left, Vector128<T> right) where T : struct => left ^ right;
}
