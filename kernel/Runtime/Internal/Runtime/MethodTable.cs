using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Internal.Runtime;

/// <summary>
/// The type descriptor ILCompiler 10.0.14 emits for every type. The layout and flag values are
/// the compiler's (dotnet/runtime src/coreclr/nativeaot, MethodTable.h, .NET 10); pinning the
/// compiler version is what keeps them true.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MethodTable
{
    // Low 16 bits: component size (arrays, strings) or extended flags. High 16 bits: flags.
    private uint _uFlags;
    private uint _uBaseSize;
    private MethodTable* _relatedType;
    private ushort _usNumVtableSlots;
    private ushort _usNumInterfaces;
    private uint _uHashCode;
    // The vtable follows, then the interface map, then the relative-pointer fields.

    private const uint KindMask = 0x00030000;
    private const uint HasDispatchMapFlag = 0x00040000;
    private const uint HasFinalizerFlag = 0x00100000;
    private const uint HasSealedVTableEntriesFlag = 0x00400000;
    private const uint HasPointersFlag = 0x01000000;
    private const uint ElementTypeMask = 0x7C000000;
    private const int ElementTypeShift = 26;
    private const uint HasComponentSizeFlag = 0x80000000;

    // EETypeElementType values we need.
    private const uint ElementTypeInterface = 0x15;
    private const uint ElementTypeArray = 0x17;
    private const uint ElementTypeSzArray = 0x18;
    private const uint ElementTypePointer = 0x1A;
    private const uint ElementTypeFunctionPointer = 0x1B;
    private const uint ElementTypeByRef = 0x19;

    [Intrinsic]
    internal static extern MethodTable* Of<T>();

    internal bool HasComponentSize => (_uFlags & HasComponentSizeFlag) != 0;

    internal ushort ComponentSize => HasComponentSize ? (ushort)_uFlags : (ushort)0;

    internal uint BaseSize => _uBaseSize;

    internal bool ContainsGCPointers => (_uFlags & HasPointersFlag) != 0;

    internal bool HasFinalizer => (_uFlags & HasFinalizerFlag) != 0;

    internal uint ElementType => (_uFlags & ElementTypeMask) >> ElementTypeShift;

    internal bool IsInterface => ElementType == ElementTypeInterface;

    internal bool IsArray => ElementType == ElementTypeArray || ElementType == ElementTypeSzArray;

    internal bool IsParameterizedType => (_uFlags & KindMask) == 0x00020000;

    internal bool IsValueType => ElementType < 0x14;

    private const uint ElementTypeNullable = 0x12;

    internal bool IsNullable => ElementType == ElementTypeNullable;

    /// <summary>For Nullable&lt;T&gt;: T's MethodTable (the single generic argument).</summary>
    internal MethodTable* NullableType
    {
        get
        {
            // Generic composition: relptr after the fields that precede it (see DispatchMap).
            Lvbs.Runtime.Panic.Stop("Nullable<T> boxing is not supported by the kernel runtime");
            return null;
        }
    }

    /// <summary>Offset of the value inside Nullable&lt;T&gt; (after the bool).</summary>
    internal byte NullableValueOffset => 1;

    internal ushort NumVtableSlots => _usNumVtableSlots;

    internal ushort NumInterfaces => _usNumInterfaces;

    internal uint HashCode => _uHashCode;

    /// <summary>The base class for class types; null for System.Object and for parameterized types.</summary>
    internal MethodTable* BaseType => IsParameterizedType ? null : _relatedType;

    /// <summary>The element type of an array, pointer or byref type.</summary>
    internal MethodTable* RelatedParameterType => IsParameterizedType ? _relatedType : null;

    internal nint* VTable => (nint*)((byte*)Unsafe.AsPointer(ref this) + sizeof(MethodTable));

    internal MethodTable** InterfaceMap => (MethodTable**)(VTable + _usNumVtableSlots);

    internal MethodTable* GetInterface(int index) => InterfaceMap[index];

    /// <summary>Relative-pointer fields after the interface map, in compiler order.</summary>
    private int* OptionalFieldsStart => (int*)(InterfaceMap + _usNumInterfaces);

    // Field order: TypeManagerIndirection, WritableData, DispatchMap?, Finalizer?, SealedVirtualSlots?
    internal DispatchMap* DispatchMap
    {
        get
        {
            if ((_uFlags & HasDispatchMapFlag) == 0)
            {
                return null;
            }
            return (DispatchMap*)FollowRelative(OptionalFieldsStart + 2);
        }
    }

    internal nint GetSealedVirtualSlot(int index)
    {
        int* field = OptionalFieldsStart + 2;
        if ((_uFlags & HasDispatchMapFlag) != 0)
        {
            field++;
        }
        if ((_uFlags & HasFinalizerFlag) != 0)
        {
            field++;
        }
        int* table = (int*)FollowRelative(field);
        return (nint)FollowRelative(table + index);
    }

    internal bool HasSealedVirtualSlots => (_uFlags & HasSealedVTableEntriesFlag) != 0;

    private static void* FollowRelative(int* location) => (byte*)location + *location;

    /// <summary>Size in bytes of an object of this type with the given number of components.</summary>
    internal nuint GetObjectSize(uint numComponents)
    {
        nuint size = _uBaseSize;
        if (HasComponentSize)
        {
            size += (nuint)numComponents * (ushort)_uFlags;
        }
        return (size + 7) & ~(nuint)7;
    }
}

/// <summary>Interface-to-implementation slot map of a type (compiler layout).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DispatchMap
{
    internal ushort StandardEntryCount;
    internal ushort DefaultEntryCount;
    internal ushort StandardStaticEntryCount;
    internal ushort DefaultStaticEntryCount;
    // DispatchMapEntry[StandardEntryCount + DefaultEntryCount] follows.
}

/// <summary>One entry of a <see cref="DispatchMap"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DispatchMapEntry
{
    internal ushort InterfaceIndex;
    internal ushort InterfaceMethodSlot;
    internal ushort ImplementationSlot;
}
