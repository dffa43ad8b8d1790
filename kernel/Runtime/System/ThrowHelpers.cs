using System.Diagnostics.CodeAnalysis;

namespace System;

/// <summary>
/// Throws for the corelib's own checks. Kept out of line so the checking methods stay small;
/// in the kernel every throw is a panic (see Internal.Runtime.ExceptionHandling).
/// </summary>
internal static class ThrowHelpers
{
    [DoesNotReturn]
    internal static void ThrowIndexOutOfRangeException() => throw new IndexOutOfRangeException();

    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRangeException() => throw new ArgumentOutOfRangeException();

    [DoesNotReturn]
    internal static void ThrowArgumentException(string message) => throw new ArgumentException(message);

    [DoesNotReturn]
    internal static void ThrowNullReferenceException() => throw new NullReferenceException();

    [DoesNotReturn]
    internal static void ThrowOverflowException() => throw new OverflowException();

    [DoesNotReturn]
    internal static void ThrowInvalidOperationException(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    internal static void ThrowNotSupportedException(string message) => throw new NotSupportedException(message);

    [DoesNotReturn]
    internal static void ThrowArrayTypeMismatchException() => throw new ArrayTypeMismatchException();

    [DoesNotReturn]
    internal static void ThrowInvalidCastException() => throw new InvalidCastException();
}
