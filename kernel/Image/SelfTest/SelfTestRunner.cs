using Lvbs.Kernel.Diagnostics;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.SelfTest;

/// <summary>
/// The in-image test protocol: one line per case, <c>test NAME ... ok</c> or
/// <c>test NAME ... FAILED: REASON</c>, then exactly <c>N passed, N failed</c>, then the exit
/// status (Success or TestsFailed). A case reports failure by returning a reason; it never throws
/// (a throw would stop the kernel, which the host sees as a crash, not a failure).
/// </summary>
internal static class SelfTestRunner
{
    /// <summary>A test case: null on success, else the reason it failed.</summary>
    internal delegate string? TestCase();

    private static int s_passed;
    private static int s_failed;

    internal static KernelExitCode RunAll()
    {
        RuntimeTests.Register();
        CollectorTests.Register();
        PlatformTests.Register();
        CryptoTests.Register();
        Write(s_passed);
        Console.Write(" passed, ");
        Write(s_failed);
        Console.WriteLine(" failed");
        return s_failed == 0 ? KernelExitCode.Success : KernelExitCode.TestsFailed;
    }

    /// <summary>Runs one case now and prints its line.</summary>
    internal static void Run(string name, TestCase test)
    {
        Console.Write("test ");
        Console.Write(name);
        Console.Write(" ... ");
        string? failure = test();
        if (failure is null)
        {
            s_passed++;
            Console.WriteLine("ok");
        }
        else
        {
            s_failed++;
            Console.Write("FAILED: ");
            Console.WriteLine(failure);
        }
    }

    private static void Write(int value) => Console.WriteDecimal((ulong)value);
}
