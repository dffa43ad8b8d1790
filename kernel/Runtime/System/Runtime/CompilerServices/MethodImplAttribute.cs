namespace System.Runtime.CompilerServices;

/// <summary>How a method is implemented (inlining hints, internal calls).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor)]
public sealed class MethodImplAttribute : Attribute
{
    public MethodImplAttribute(MethodImplOptions methodImplOptions) { Value = methodImplOptions; }

    public MethodImplAttribute(short value) { Value = (MethodImplOptions)value; }

    public MethodImplOptions Value { get; }
}

/// <summary>Method implementation flags, with .NET's values.</summary>
[Flags]
public enum MethodImplOptions
{
    Unmanaged = 0x0004,
    NoInlining = 0x0008,
    ForwardRef = 0x0010,
    Synchronized = 0x0020,
    NoOptimization = 0x0040,
    PreserveSig = 0x0080,
    AggressiveInlining = 0x0100,
    AggressiveOptimization = 0x0200,
    InternalCall = 0x1000,
}
