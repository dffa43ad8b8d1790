using System;
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Runtime;

/// <summary>
/// Boxing, unboxing and generic allocation helpers the compiler calls by name (ILCompiler
/// contract: System.Runtime.RuntimeExports).
/// </summary>
internal static unsafe class RuntimeExports
{
    public static object RhNewObject(MethodTable* type) => Allocator.AllocateObject(type);

    public static object RhNewArray(MethodTable* type, int length) => Allocator.AllocateArray(type, length);

    public static object? RhBox(MethodTable* type, ref byte data)
    {
        if (type->IsNullable)
        {
            // Nullable<T>: box the value, or return null when HasValue is false.
            if (data == 0)
            {
                return null;
            }
            MethodTable* underlying = type->NullableType;
            return BoxValue(underlying, ref Unsafe.Add(ref data, (nint)type->NullableValueOffset));
        }
        return BoxValue(type, ref data);
    }

    private static object BoxValue(MethodTable* type, ref byte data)
    {
        object result = Allocator.AllocateObject(type);
        nuint size = type->BaseSize - (nuint)(2 * sizeof(nint));
        Buffer.Memmove(ref result.GetRawData(), ref data, size);
        return result;
    }

    public static object? RhBoxAny(ref byte data, MethodTable* type) =>
        type->IsValueType ? RhBox(type, ref data) : Unsafe.As<byte, object>(ref data);

    public static ref byte RhUnbox2(MethodTable* type, object obj)
    {
        if (obj is null || obj.GetMethodTable() != type)
        {
            throw new InvalidCastException();
        }
        return ref obj.GetRawData();
    }

    public static void RhUnboxNullable(ref byte data, MethodTable* type, object? obj)
    {
        MethodTable* underlying = type->NullableType;
        nuint valueSize = underlying->BaseSize - (nuint)(2 * sizeof(nint));
        if (obj is null)
        {
            data = 0;
            return;
        }
        if (obj.GetMethodTable() != underlying)
        {
            throw new InvalidCastException();
        }
        data = 1;
        Buffer.Memmove(ref Unsafe.Add(ref data, (nint)type->NullableValueOffset), ref obj.GetRawData(), valueSize);
    }

    public static void RhUnboxTypeTest(MethodTable* type, MethodTable* boxType)
    {
        if (type != boxType)
        {
            throw new InvalidCastException();
        }
    }
}
