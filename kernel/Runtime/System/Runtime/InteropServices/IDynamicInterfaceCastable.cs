namespace System.Runtime.InteropServices;

/// <summary>
/// Present because ILCompiler requires the type (and its static helper) to exist; the kernel
/// has no dynamic interface casting, so nothing implements it.
/// </summary>
public interface IDynamicInterfaceCastable
{
    bool IsInterfaceImplemented(RuntimeTypeHandle interfaceType, bool throwIfNotImplemented);

    RuntimeTypeHandle GetInterfaceImplementation(RuntimeTypeHandle interfaceType);

    // The compiler's hook for casts to interfaces the type does not implement statically.
    private static nint GetDynamicInterfaceImplementation(IDynamicInterfaceCastable instance, nint interfaceType, ushort slot)
    {
        ThrowHelpers.ThrowNotSupportedException("dynamic interface casting");
        return 0;
    }
}
