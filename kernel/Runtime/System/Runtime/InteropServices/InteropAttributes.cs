namespace System.Runtime.InteropServices;

/// <summary>How the fields of a type are laid out.</summary>
public enum LayoutKind
{
    Sequential = 0,
    Explicit = 2,
    Auto = 3,
}

/// <summary>Character set for marshalling (kept for source compatibility).</summary>
public enum CharSet
{
    None = 1,
    Ansi = 2,
    Unicode = 3,
    Auto = 4,
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class StructLayoutAttribute : Attribute
{
    public StructLayoutAttribute(LayoutKind layoutKind) { Value = layoutKind; }
    public StructLayoutAttribute(short layoutKind) { Value = (LayoutKind)layoutKind; }
    public LayoutKind Value { get; }
    public int Pack;
    public int Size;
    public CharSet CharSet;
}

[AttributeUsage(AttributeTargets.Field)]
public sealed class FieldOffsetAttribute : Attribute
{
    public FieldOffsetAttribute(int offset) { Value = offset; }
    public int Value { get; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class InAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OutAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class UnmanagedCallersOnlyAttribute : Attribute
{
    public Type[]? CallConvs;
    public string? EntryPoint;
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class SuppressGCTransitionAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class DllImportAttribute : Attribute
{
    public DllImportAttribute(string dllName) { Value = dllName; }
    public string Value { get; }
    public string? EntryPoint;
}
