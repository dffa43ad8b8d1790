using Lvbs.Runtime;
using Lvbs.Kernel.Image.Scenarios;
using Lvbs.Kernel.Image.SelfTest;

namespace Lvbs.Kernel.Image;

/// <summary>
/// The image's entry point, called by the boot stub once the runtime has a heap and statics.
/// The kernel command line selects what runs: <c>selftest</c>, <c>gctest</c>, <c>fault=NAME</c>,
/// <c>guest=linux</c>, <c>guest=replay</c>, <c>guest=none</c>, or (by default) the secure kernel as hypervisor over the VTL0 test guest.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        Banner.Print();
        Platform.ShaNiSha256Engine.InstallIfSupported();
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
        if (BootInfo.TryGetOption("svmbench", out System.ReadOnlySpan<byte> calls))
        {
            return (int)(BootInfo.TryParseSize(calls, out ulong count) && count > 0
                ? NativeSvm.VtlCallBenchmark.Run(count)
                : Lvbs.Kernel.Diagnostics.KernelExitCode.TestsFailed);
        }
        if (BootInfo.HasOption("guest", "linux"))
        {
            return (int)NativeSvm.LinuxGuestRun.Run();
        }
        if (BootInfo.HasOption("guest", "replay"))
        {
            return (int)NativeSvm.ReplayGuestRun.Run();
        }
        if (BootInfo.HasOption("guest", "none"))
        {
            Console.WriteLine("kernel: guest=none: no workload; stopping");
            return (int)Lvbs.Kernel.Diagnostics.KernelExitCode.Success;
        }
        return (int)NativeSvm.TestGuestRun.Run();
    }
}
