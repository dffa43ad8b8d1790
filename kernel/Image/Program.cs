using Lvbs.Runtime;
using Lvbs.Kernel.Image.Scenarios;
using Lvbs.Kernel.Image.SelfTest;

namespace Lvbs.Kernel.Image;

/// <summary>
/// The image's entry point, called by the boot stub once the runtime has a heap and statics.
/// The kernel command line selects what runs: <c>selftest</c>, <c>gctest</c>, <c>fault=NAME</c>,
/// or (by default) the kernel itself.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        Banner.Print();
        if (BootInfo.HasFlag("selftest"))
        {
            return (int)SelfTestRunner.RunAll();
        }
        if (BootInfo.TryGetOption("fault", out System.ReadOnlySpan<byte> fault))
        {
            return (int)FaultScenarios.Run(fault);
        }
        if (BootInfo.HasFlag("gctest"))
        {
            return (int)CollectorStress.Run();
        }
        Console.WriteLine("kernel: no workload selected (try selftest, gctest or fault=NAME); stopping");
        return (int)Lvbs.Kernel.Diagnostics.KernelExitCode.Success;
    }
}
