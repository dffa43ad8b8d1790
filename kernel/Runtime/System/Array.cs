using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System;

/// <summary>
/// Base class of arrays. Only single-dimension zero-based arrays exist in the kernel; the length
/// field sits right after the MethodTable pointer, padded to 8 bytes.
/// </summary>
public abstract class Array
{
    private readonly int _numComponents;
#pragma warning disable CS0169
    private readonly int _padding;
#pragma warning restore CS0169

    public int Length => _numComponents;

    public static T[] Empty<T>() => EmptyArray<T>.Value;

    internal unsafe ref byte GetRawArrayData() => ref Unsafe.AddByteOffset(ref Unsafe.As<RawData>(this).Data, 8);

    public static void Copy(Array sourceArray, Array destinationArray, int length) =>
        Copy(sourceArray, 0, destinationArray, 0, length);

    public static unsafe void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length)
    {
        MethodTable* mt = sourceArray.GetMethodTable();
        if (mt != destinationArray.GetMethodTable())
        {
            ThrowHelpers.ThrowArrayTypeMismatchException();
        }
        if ((uint)sourceIndex > (uint)sourceArray.Length || (uint)length > (uint)(sourceArray.Length - sourceIndex) ||
            (uint)destinationIndex > (uint)destinationArray.Length || (uint)length > (uint)(destinationArray.Length - destinationIndex))
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        nuint elementSize = mt->ComponentSize;
        Buffer.Memmove(
            ref Unsafe.AddByteOffset(ref destinationArray.GetRawArrayData(), (nuint)destinationIndex * elementSize),
            ref Unsafe.AddByteOffset(ref sourceArray.GetRawArrayData(), (nuint)sourceIndex * elementSize),
            (nuint)length * elementSize);
    }

    public static void Clear(Array array) => Clear(array, 0, array.Length);

    public static unsafe void Clear(Array array, int index, int length)
    {
        if ((uint)index > (uint)array.Length || (uint)length > (uint)(array.Length - index))
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        nuint elementSize = array.GetMethodTable()->ComponentSize;
        SpanHelpers.ClearWithoutReferences(ref Unsafe.AddByteOffset(ref array.GetRawArrayData(), (nuint)index * elementSize), (nuint)length * elementSize);
    }
}

/// <summary>The compiler's generic array base (T[] derives from it in the type system).</summary>
public class Array<T> : Array
{
}

internal static class EmptyArray<T>
{
    internal static readonly T[] Value = new T[0];
}
