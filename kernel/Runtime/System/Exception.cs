namespace System;

/// <summary>
/// Base class of exceptions. There is no unwinding in the kernel: a throw reaches the runtime's
/// RhpThrowEx, which prints the type and <see cref="Message"/> and stops the kernel.
/// </summary>
public class Exception
{
    private readonly string? _message;

    public Exception() { }

    public Exception(string? message) { _message = message; }

    public Exception(string? message, Exception? innerException)
    {
        _message = message;
        InnerException = innerException;
    }

    public virtual string Message => _message ?? "Exception of this type was thrown.";

    public Exception? InnerException { get; }
}
