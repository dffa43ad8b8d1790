// The primitive types. The compiler knows their layout; each is a struct holding its own value.
// Members are only those the kernel uses, with .NET's meaning.

namespace System;

/// <summary>The bool primitive.</summary>
public readonly struct Boolean
{
#pragma warning disable CS0169, CS0649
    private readonly bool m_value;
#pragma warning restore CS0169, CS0649
    public override int GetHashCode() => m_value ? 1 : 0;
    public override bool Equals(object? obj) => obj is bool other && other == m_value;
    public override string ToString() => m_value ? "True" : "False";
}

/// <summary>The char primitive.</summary>
public readonly struct Char
{
#pragma warning disable CS0169, CS0649
    private readonly char m_value;
#pragma warning restore CS0169, CS0649
    public const char MinValue = '\0';
    public const char MaxValue = '\uffff';
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is char other && other == m_value;
    public override string ToString() => string.FromChar(m_value);
}

/// <summary>The sbyte primitive.</summary>
public readonly struct SByte
{
#pragma warning disable CS0169, CS0649
    private readonly sbyte m_value;
#pragma warning restore CS0169, CS0649
    public const sbyte MinValue = -128;
    public const sbyte MaxValue = 127;
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is sbyte other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The byte primitive.</summary>
public readonly struct Byte
{
#pragma warning disable CS0169, CS0649
    private readonly byte m_value;
#pragma warning restore CS0169, CS0649
    public const byte MinValue = 0;
    public const byte MaxValue = 255;
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is byte other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The short primitive.</summary>
public readonly struct Int16
{
#pragma warning disable CS0169, CS0649
    private readonly short m_value;
#pragma warning restore CS0169, CS0649
    public const short MinValue = -32768;
    public const short MaxValue = 32767;
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is short other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The ushort primitive.</summary>
public readonly struct UInt16
{
#pragma warning disable CS0169, CS0649
    private readonly ushort m_value;
#pragma warning restore CS0169, CS0649
    public const ushort MinValue = 0;
    public const ushort MaxValue = 65535;
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is ushort other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The int primitive.</summary>
public readonly struct Int32
{
#pragma warning disable CS0169, CS0649
    private readonly int m_value;
#pragma warning restore CS0169, CS0649
    public const int MinValue = -2147483648;
    public const int MaxValue = 2147483647;
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is int other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The uint primitive.</summary>
public readonly struct UInt32
{
#pragma warning disable CS0169, CS0649
    private readonly uint m_value;
#pragma warning restore CS0169, CS0649
    public const uint MinValue = 0;
    public const uint MaxValue = 4294967295;
    public override int GetHashCode() => unchecked((int)m_value);
    public override bool Equals(object? obj) => obj is uint other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The long primitive.</summary>
public readonly struct Int64
{
#pragma warning disable CS0169, CS0649
    private readonly long m_value;
#pragma warning restore CS0169, CS0649
    public const long MinValue = -9223372036854775808;
    public const long MaxValue = 9223372036854775807;
    public override int GetHashCode() => unchecked((int)m_value ^ (int)(m_value >> 32));
    public override bool Equals(object? obj) => obj is long other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The ulong primitive.</summary>
public readonly struct UInt64
{
#pragma warning disable CS0169, CS0649
    private readonly ulong m_value;
#pragma warning restore CS0169, CS0649
    public const ulong MinValue = 0;
    public const ulong MaxValue = 18446744073709551615;
    public override int GetHashCode() => unchecked((int)m_value ^ (int)(m_value >> 32));
    public override bool Equals(object? obj) => obj is ulong other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The nint primitive.</summary>
public readonly struct IntPtr
{
#pragma warning disable CS0169, CS0649
    private readonly nint m_value;
#pragma warning restore CS0169, CS0649
    public static readonly nint Zero;
    public static unsafe int Size => sizeof(nint);
    public static nint MaxValue => unchecked((nint)long.MaxValue);
    public static nint MinValue => unchecked((nint)long.MinValue);
    public unsafe IntPtr(void* value) { m_value = (nint)value; }
    public IntPtr(long value) { m_value = (nint)value; }
    public unsafe void* ToPointer() => (void*)m_value;
    public override int GetHashCode() => unchecked((int)m_value ^ (int)(m_value >> 32));
    public override bool Equals(object? obj) => obj is nint other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The nuint primitive.</summary>
public readonly struct UIntPtr
{
#pragma warning disable CS0169, CS0649
    private readonly nuint m_value;
#pragma warning restore CS0169, CS0649
    public static readonly nuint Zero;
    public static unsafe int Size => sizeof(nuint);
    public static nuint MaxValue => unchecked((nuint)ulong.MaxValue);
    public static nuint MinValue => 0;
    public unsafe UIntPtr(void* value) { m_value = (nuint)value; }
    public UIntPtr(ulong value) { m_value = (nuint)value; }
    public unsafe void* ToPointer() => (void*)m_value;
    public override int GetHashCode() => unchecked((int)m_value ^ (int)(m_value >> 32));
    public override bool Equals(object? obj) => obj is nuint other && other == m_value;
    public override string ToString() => Internal.Runtime.NumberFormatter.ToDecimalString(m_value);
}

/// <summary>The float primitive.</summary>
public readonly struct Single
{
#pragma warning disable CS0169, CS0649
    private readonly float m_value;
#pragma warning restore CS0169, CS0649
}

/// <summary>The double primitive.</summary>
public readonly struct Double
{
#pragma warning disable CS0169, CS0649
    private readonly double m_value;
#pragma warning restore CS0169, CS0649
}
