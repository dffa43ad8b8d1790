using Internal.Runtime;

namespace System.Runtime.CompilerServices;

/// <summary>Runtime services the compiler and the corelib rely on.</summary>
public static unsafe class RuntimeHelpers
{
    // The C# compiler emits this for array initialisers; ILCompiler expands the intrinsic into a
    // copy from the field's data, so the body only runs if that expansion is ever skipped.
    [Intrinsic]
    public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle)
    {
        ThrowHelpers.ThrowNotSupportedException("RuntimeHelpers.InitializeArray needs field RVA data");
    }

    [Intrinsic]
    public static ReadOnlySpan<T> CreateSpan<T>(RuntimeFieldHandle fldHandle)
    {
        ThrowHelpers.ThrowNotSupportedException("RuntimeHelpers.CreateSpan needs field RVA data");
        return default;
    }

    [Intrinsic]
    public static bool IsReferenceOrContainsReferences<T>() => throw null!;

    [Intrinsic]
    internal static bool IsBitwiseEquatable<T>() => throw null!;

    public static int OffsetToStringData => 12;

    public static bool Equals(object? o1, object? o2) => ReferenceEquals(o1, o2);

    public static int GetHashCode(object o) => o.GetHashCode();

    // Used by the compiler for `stackalloc` guarding and by the stack-overflow checks.
    public static void EnsureSufficientExecutionStack() { }
}
