using System;
using System.Runtime;
using Lvbs.Runtime;

namespace Internal.Runtime;

/// <summary>
/// The kernel has no unwinder: a throw stops the kernel after printing the exception's type and
/// message. Code that can receive bad input from VTL0 or a client returns a status instead.
/// </summary>
internal static unsafe class ExceptionHandling
{
    [RuntimeExport("RhpThrowEx")]
    private static void ThrowEx(object exception) => Unhandled(exception);

    [RuntimeExport("RhpRethrow")]
    private static void Rethrow() => Panic.Stop("rethrow without an active exception");

    [RuntimeExport("RhpThrowHwEx")]
    private static void ThrowHwEx(uint exceptionCode, nint faultingAddress) => Panic.Stop("hardware exception raised as managed");

    private static void Unhandled(object exception)
    {
        Exception? e = exception as Exception;
        Console.Write("unhandled exception: ");
        SymbolTable.WriteTypeName(exception.GetMethodTable());
        Console.Write(": ");
        Console.WriteLine(e is null ? "(not an Exception)" : e.Message);
        Platform.Exit(ExitCodes.UnhandledException);
    }
}
