using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System;

/// <summary>The root of the type hierarchy. Its first field is the MethodTable pointer.</summary>
public unsafe class Object
{
    // The compiler lays every object out as [MethodTable*][fields...]; this field is that pointer.
#pragma warning disable CS0649, CS0169
    internal MethodTable* m_pEEType;
#pragma warning restore CS0649, CS0169

    public Object() { }

    public virtual bool Equals(object? obj) => ReferenceEquals(this, obj);

    // The collector never moves objects, so the address is a stable identity hash.
    public virtual int GetHashCode()
    {
        object self = this;
        nint address = Unsafe.As<object, nint>(ref self);
        return (int)address ^ (int)(address >> 32);
    }

    public virtual string? ToString() => "System.Object";

    public static bool ReferenceEquals(object? objA, object? objB) => objA == objB;

    internal MethodTable* GetMethodTable() => m_pEEType;

    /// <summary>A reference to the first byte after the MethodTable pointer.</summary>
    internal ref byte GetRawData() => ref Unsafe.As<RawData>(this).Data;
}

/// <summary>Overlay used to reach an object's first field byte.</summary>
internal sealed class RawData
{
    public byte Data;
}
