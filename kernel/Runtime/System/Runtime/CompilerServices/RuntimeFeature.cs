namespace System.Runtime.CompilerServices;

/// <summary>Language features this corelib supports (the compiler checks for these names).</summary>
public static class RuntimeFeature
{
    public const string ByRefFields = nameof(ByRefFields);
    public const string NumericIntPtr = nameof(NumericIntPtr);
    public const string UnmanagedSignatureCallingConvention = nameof(UnmanagedSignatureCallingConvention);
    public const string ByRefLikeGenerics = nameof(ByRefLikeGenerics);

    // Needed for static (non-virtual) interface members such as IDynamicInterfaceCastable's hook;
    // default interface method *implementations* are still unsupported by the runtime.
    public const string DefaultImplementationsOfInterfaces = nameof(DefaultImplementationsOfInterfaces);
}
