using System;
using System.Runtime.CompilerServices;

namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// ldtoken support (ILCompiler contract). Handles are the raw pointers the compiler passes; the
/// kernel has no reflection, so nothing interprets them beyond identity.
/// </summary>
internal static class LdTokenHelpers
{
    private static RuntimeTypeHandle GetRuntimeTypeHandle(nint pEEType) => Unsafe.As<nint, RuntimeTypeHandle>(ref pEEType);

    private static RuntimeMethodHandle GetRuntimeMethodHandle(nint pHandleSignature) => Unsafe.As<nint, RuntimeMethodHandle>(ref pHandleSignature);

    private static RuntimeFieldHandle GetRuntimeFieldHandle(nint pHandleSignature) => Unsafe.As<nint, RuntimeFieldHandle>(ref pHandleSignature);

    private static Type GetRuntimeType(nint pEEType)
    {
        System.ThrowHelpers.ThrowNotSupportedException("typeof needs reflection, which the kernel does not have");
        return null!;
    }
}
