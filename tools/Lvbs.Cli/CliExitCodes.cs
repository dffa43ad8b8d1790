using Lvbs.ImageHarness.Qemu;

namespace Lvbs.Cli;

/// <summary>
/// Exit codes of <c>lvbs</c>. A boot that reached isa-debug-exit exits with the value the
/// image wrote (0 for success, so scripts can test <c>$?</c>); host-side failures use codes the
/// image never writes, following shell conventions where one exists.
/// </summary>
public static class CliExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A generic host-side failure: the build failed, QEMU reported an error, bad input.</summary>
    public const int Error = 1;

    /// <summary>The machine triple-faulted (QEMU status 0 under -no-reboot).</summary>
    public const int TripleFault = 3;

    /// <summary>The boot timed out (as timeout(1)).</summary>
    public const int Timeout = 124;

    /// <summary>Ctrl-C (as a shell reports SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>A required host program (QEMU, nasm, lld) is missing (as a shell's "command not found").</summary>
    public const int MissingTool = 127;

    /// <summary>The exit code for a finished boot.</summary>
    public static int ForBoot(BootResult result) => result.Outcome switch
    {
        BootOutcome.Success => Ok,
        BootOutcome.TripleFault => TripleFault,
        BootOutcome.Timeout => Timeout,
        BootOutcome.Cancelled => Cancelled,
        BootOutcome.QemuMissing => MissingTool,
        BootOutcome.QemuError => Error,
        _ => result.KernelValue ?? Error,
    };
}
