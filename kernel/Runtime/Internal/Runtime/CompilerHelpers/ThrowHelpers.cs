using System;

namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// The throw helpers ILCompiler calls from generated code (range checks, overflow checks, failed
/// casts...). The names are the compiler's contract.
/// </summary>
internal static class ThrowHelpers
{
    private static void ThrowOverflowException() => throw new OverflowException();
    private static void ThrowIndexOutOfRangeException() => throw new IndexOutOfRangeException();
    private static void ThrowNullReferenceException() => throw new NullReferenceException();
    private static void ThrowDivideByZeroException() => throw new DivideByZeroException();
    private static void ThrowArrayTypeMismatchException() => throw new ArrayTypeMismatchException();
    private static void ThrowPlatformNotSupportedException() => throw new PlatformNotSupportedException();
    private static void ThrowTypeLoadException() => throw new TypeLoadException();
    private static void ThrowTypeLoadExceptionWithArgument(int message, string typeName) => throw new TypeLoadException(typeName);
    private static void ThrowArgumentException() => throw new ArgumentException();
    private static void ThrowArgumentOutOfRangeException() => throw new ArgumentOutOfRangeException();
    private static void ThrowInvalidProgramException(int id) => throw new BadImageFormatException("Invalid program.");
    private static void ThrowInvalidProgramExceptionWithArgument(int id, string methodName) => throw new BadImageFormatException(methodName);
    private static void ThrowMissingMethodException(int id, string methodName) => throw new MissingMethodException(methodName);
    private static void ThrowMissingFieldException(int id, string fieldName) => throw new MissingMethodException(fieldName);
    private static void ThrowFileNotFoundException(int id, string fileName) => throw new TypeLoadException(fileName);
    private static void ThrowBadImageFormatException(int id) => throw new BadImageFormatException();
    private static void ThrowMarshalDirectiveException(int id) => throw new NotSupportedException("Marshalling is not supported.");
    private static void ThrowAmbiguousMatchException(int id) => throw new NotSupportedException("Ambiguous match.");
    private static void ThrowNotSupportedException() => throw new NotSupportedException();
    private static void ThrowFeatureBodyRemoved() => throw new NotSupportedException("This code was removed by the compiler.");
    private static void ThrowInvalidCastException() => throw new InvalidCastException();
    private static void ThrowInvalidOperationException() => throw new InvalidOperationException();
    private static void ThrowEntryPointNotFoundException(int id) => throw new EntryPointNotFoundException();
}
