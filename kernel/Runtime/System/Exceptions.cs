// The exception types the language and the compiler's helpers throw. Each message is .NET's.

namespace System;

/// <summary>.NET's SystemException.</summary>
public class SystemException : Exception
{
    public SystemException() : base("System error.") { }

    public SystemException(string? message) : base(message) { }
}

/// <summary>.NET's ArithmeticException.</summary>
public class ArithmeticException : SystemException
{
    public ArithmeticException() : base("Overflow or underflow in an arithmetic operation.") { }

    public ArithmeticException(string? message) : base(message) { }
}

/// <summary>.NET's OverflowException.</summary>
public class OverflowException : ArithmeticException
{
    public OverflowException() : base("Arithmetic operation resulted in an overflow.") { }

    public OverflowException(string? message) : base(message) { }
}

/// <summary>.NET's DivideByZeroException.</summary>
public class DivideByZeroException : ArithmeticException
{
    public DivideByZeroException() : base("Attempted to divide by zero.") { }

    public DivideByZeroException(string? message) : base(message) { }
}

/// <summary>.NET's IndexOutOfRangeException.</summary>
public class IndexOutOfRangeException : SystemException
{
    public IndexOutOfRangeException() : base("Index was outside the bounds of the array.") { }

    public IndexOutOfRangeException(string? message) : base(message) { }
}

/// <summary>.NET's NullReferenceException.</summary>
public class NullReferenceException : SystemException
{
    public NullReferenceException() : base("Object reference not set to an instance of an object.") { }

    public NullReferenceException(string? message) : base(message) { }
}

/// <summary>.NET's InvalidCastException.</summary>
public class InvalidCastException : SystemException
{
    public InvalidCastException() : base("Specified cast is not valid.") { }

    public InvalidCastException(string? message) : base(message) { }
}

/// <summary>.NET's InvalidOperationException.</summary>
public class InvalidOperationException : SystemException
{
    public InvalidOperationException() : base("Operation is not valid due to the current state of the object.") { }

    public InvalidOperationException(string? message) : base(message) { }
}

/// <summary>.NET's NotSupportedException.</summary>
public class NotSupportedException : SystemException
{
    public NotSupportedException() : base("Specified method is not supported.") { }

    public NotSupportedException(string? message) : base(message) { }
}

/// <summary>.NET's NotImplementedException.</summary>
public class NotImplementedException : SystemException
{
    public NotImplementedException() : base("The method or operation is not implemented.") { }

    public NotImplementedException(string? message) : base(message) { }
}

/// <summary>.NET's OutOfMemoryException.</summary>
public class OutOfMemoryException : SystemException
{
    public OutOfMemoryException() : base("Insufficient memory to continue the execution of the program.") { }

    public OutOfMemoryException(string? message) : base(message) { }
}

/// <summary>.NET's ArrayTypeMismatchException.</summary>
public class ArrayTypeMismatchException : SystemException
{
    public ArrayTypeMismatchException() : base("Attempted to access an element as a type incompatible with the array.") { }

    public ArrayTypeMismatchException(string? message) : base(message) { }
}

/// <summary>.NET's PlatformNotSupportedException.</summary>
public class PlatformNotSupportedException : NotSupportedException
{
    public PlatformNotSupportedException() : base("Operation is not supported on this platform.") { }

    public PlatformNotSupportedException(string? message) : base(message) { }
}

/// <summary>.NET's ArgumentException.</summary>
public class ArgumentException : SystemException
{
    public ArgumentException() : base("Value does not fall within the expected range.") { }

    public ArgumentException(string? message) : base(message) { }

    public ArgumentException(string? message, string? paramName) : base(message) { ParamName = paramName; }

    public virtual string? ParamName { get; }
}

/// <summary>.NET's ArgumentNullException.</summary>
public class ArgumentNullException : ArgumentException
{
    public ArgumentNullException() : base("Value cannot be null.") { }

    public ArgumentNullException(string? paramName) : base("Value cannot be null.", paramName) { }

    public ArgumentNullException(string? paramName, string? message) : base(message, paramName) { }
}

/// <summary>.NET's ArgumentOutOfRangeException.</summary>
public class ArgumentOutOfRangeException : ArgumentException
{
    public ArgumentOutOfRangeException() : base("Specified argument was out of the range of valid values.") { }

    public ArgumentOutOfRangeException(string? paramName) : base("Specified argument was out of the range of valid values.", paramName) { }

    public ArgumentOutOfRangeException(string? paramName, string? message) : base(message, paramName) { }
}

/// <summary>.NET's FormatException.</summary>
public class FormatException : SystemException
{
    public FormatException() : base("One of the identified items was in an invalid format.") { }

    public FormatException(string? message) : base(message) { }
}

/// <summary>.NET's TypeLoadException.</summary>
public class TypeLoadException : SystemException
{
    public TypeLoadException() : base("Failure has occurred while loading a type.") { }

    public TypeLoadException(string? message) : base(message) { }
}

/// <summary>.NET's MissingMethodException.</summary>
public class MissingMethodException : SystemException
{
    public MissingMethodException() : base("Attempted to access a missing method.") { }

    public MissingMethodException(string? message) : base(message) { }
}

/// <summary>.NET's BadImageFormatException.</summary>
public class BadImageFormatException : SystemException
{
    public BadImageFormatException() : base("Format of the executable (.exe) or library (.dll) is invalid.") { }

    public BadImageFormatException(string? message) : base(message) { }
}

/// <summary>.NET's EntryPointNotFoundException.</summary>
public class EntryPointNotFoundException : SystemException
{
    public EntryPointNotFoundException() : base("Entry point was not found.") { }

    public EntryPointNotFoundException(string? message) : base(message) { }
}

/// <summary>.NET's DataMisalignedException.</summary>
public class DataMisalignedException : SystemException
{
    public DataMisalignedException() : base("A datatype misalignment was detected in a load or store instruction.") { }

    public DataMisalignedException(string? message) : base(message) { }
}

/// <summary>.NET's RankException.</summary>
public class RankException : SystemException
{
    public RankException() : base("Attempted to operate on an array with the incorrect number of dimensions.") { }

    public RankException(string? message) : base(message) { }
}

/// <summary>.NET's InsufficientExecutionStackException.</summary>
public class InsufficientExecutionStackException : SystemException
{
    public InsufficientExecutionStackException() : base("Insufficient stack to continue executing the program safely.") { }

    public InsufficientExecutionStackException(string? message) : base(message) { }
}
