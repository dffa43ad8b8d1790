namespace System;

// Pointer-sized handle structs: ILCompiler's preinitializer requires exactly this shape.

/// <summary>A handle to a type (its MethodTable).</summary>
public struct RuntimeTypeHandle
{
#pragma warning disable CS0169
    private nint _value;
#pragma warning restore CS0169
}

/// <summary>A handle to a method.</summary>
public struct RuntimeMethodHandle
{
#pragma warning disable CS0169
    private nint _value;
#pragma warning restore CS0169
}

/// <summary>A handle to a field.</summary>
public struct RuntimeFieldHandle
{
#pragma warning disable CS0169
    private nint _value;
#pragma warning restore CS0169
}

/// <summary>Reflection's Type: present for the compiler's typeof support only.</summary>
public abstract class Type
{
}

/// <summary>The runtime's Type implementation (no reflection: an opaque MethodTable wrapper).</summary>
internal sealed class RuntimeType : Type
{
}
