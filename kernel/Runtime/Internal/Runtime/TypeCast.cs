using System;
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Runtime;

/// <summary>
/// Casting helpers the compiler calls for <c>is</c>, <c>as</c>, casts and array stores
/// (ILCompiler contract names). Supported: class hierarchies, interfaces, exact array types.
/// Not supported (the kernel does not use them): generic variance and array covariance.
/// </summary>
internal static unsafe class TypeCast
{
    private static bool IsInstance(MethodTable* source, MethodTable* target)
    {
        if (source == target)
        {
            return true;
        }
        if (target->IsInterface)
        {
            ushort count = source->NumInterfaces;
            MethodTable** map = source->InterfaceMap;
            for (int i = 0; i < count; i++)
            {
                if (map[i] == target)
                {
                    return true;
                }
            }
            return false;
        }
        if (source->IsParameterizedType)
        {
            // Arrays derive from System.Array, which derives from System.Object.
            return target == MethodTable.Of<Array>() || target == MethodTable.Of<object>();
        }
        for (MethodTable* t = source->BaseType; t != null; t = t->BaseType)
        {
            if (t == target)
            {
                return true;
            }
        }
        return false;
    }

    public static object? IsInstanceOfAny(MethodTable* targetType, object? obj) =>
        obj is null || IsInstance(obj.GetMethodTable(), targetType) ? obj : null;

    public static object? IsInstanceOfInterface(MethodTable* targetType, object? obj) => IsInstanceOfAny(targetType, obj);

    public static object? IsInstanceOfClass(MethodTable* targetType, object? obj) => IsInstanceOfAny(targetType, obj);

    public static bool IsInstanceOfException(MethodTable* targetType, object? obj) =>
        obj is not null && IsInstance(obj.GetMethodTable(), targetType);

    public static object? CheckCastAny(MethodTable* targetType, object? obj)
    {
        if (obj is null || IsInstance(obj.GetMethodTable(), targetType))
        {
            return obj;
        }
        throw new InvalidCastException();
    }

    public static object? CheckCastInterface(MethodTable* targetType, object? obj) => CheckCastAny(targetType, obj);

    public static object? CheckCastClass(MethodTable* targetType, object? obj) => CheckCastAny(targetType, obj);

    public static object? CheckCastClassSpecial(MethodTable* targetType, object? obj) => CheckCastAny(targetType, obj);

    public static void StelemRef(object?[] array, nint index, object? obj)
    {
        if ((nuint)index >= (uint)array.Length)
        {
            throw new IndexOutOfRangeException();
        }
        ref object? element = ref Unsafe.As<byte, object?>(ref array.GetRawArrayData());
        element = ref Unsafe.Add(ref element, index);
        if (obj is null)
        {
            element = null;
            return;
        }
        MethodTable* elementType = array.GetMethodTable()->RelatedParameterType;
        if (!IsInstance(obj.GetMethodTable(), elementType))
        {
            throw new ArrayTypeMismatchException();
        }
        element = obj;
    }

    public static ref object? LdelemaRef(object?[] array, nint index, MethodTable* elementType)
    {
        if ((nuint)index >= (uint)array.Length)
        {
            throw new IndexOutOfRangeException();
        }
        if (array.GetMethodTable()->RelatedParameterType != elementType)
        {
            throw new ArrayTypeMismatchException();
        }
        ref object? element = ref Unsafe.As<byte, object?>(ref array.GetRawArrayData());
        return ref Unsafe.Add(ref element, index);
    }
}
