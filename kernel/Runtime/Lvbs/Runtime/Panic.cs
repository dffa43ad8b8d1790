using System.Diagnostics.CodeAnalysis;
using Internal.Runtime.Gc;

namespace Lvbs.Runtime;

/// <summary>Stops the kernel when its own state is broken. Never used for bad input from outside.</summary>
public static class Panic
{
    [DoesNotReturn]
    public static void Stop(string reason)
    {
        Console.Write("panic: ");
        Console.WriteLine(reason);
        Platform.Exit(ExitCodes.Panic);
        while (true)
        {
        }
    }

    [DoesNotReturn]
    internal static void OutOfMemory(nuint requested, nuint heapBytes, nuint liveBytes)
    {
        Console.Write("panic: out of memory: requested ");
        Console.WriteDecimal(requested);
        Console.Write(" bytes, heap ");
        Console.WriteDecimal(heapBytes);
        Console.Write(" bytes, live after collection ");
        Console.WriteDecimal(liveBytes);
        Console.WriteLine(" bytes");
        Platform.Exit(ExitCodes.Panic);
        while (true)
        {
        }
    }
}
