using System;
using Lvbs.Kernel.Diagnostics;

namespace Lvbs.ImageHarness.Qemu;

/// <summary>
/// Maps QEMU's process status to a <see cref="BootOutcome"/> and describes outcomes in words.
/// isa-debug-exit turns the value <c>v</c> the image writes into status <c>(v &lt;&lt; 1) | 1</c>;
/// the values themselves are <see cref="KernelExitCode"/>, defined once in kernel/Core.
/// </summary>
public static class BootOutcomes
{
    /// <summary>
    /// Classifies a finished QEMU process. Returns the outcome and, when the image wrote to
    /// isa-debug-exit, the value it wrote.
    /// </summary>
    public static (BootOutcome Outcome, int? KernelValue) Classify(int qemuStatus)
    {
        switch (qemuStatus)
        {
            case 0:
                return (BootOutcome.TripleFault, null);
            case 1:
                return (BootOutcome.QemuError, null);
        }

        if ((qemuStatus & 1) == 0 || qemuStatus > 0x1FF || qemuStatus < 0)
        {
            // Not something isa-debug-exit can produce (e.g. QEMU killed by a signal).
            return (BootOutcome.QemuError, null);
        }

        var value = qemuStatus >> 1;
        var outcome = (KernelExitCode)value switch
        {
            KernelExitCode.Success => BootOutcome.Success,
            KernelExitCode.TestsFailed => BootOutcome.TestsFailed,
            KernelExitCode.UnhandledException => BootOutcome.UnhandledException,
            KernelExitCode.CpuException => BootOutcome.CpuException,
            KernelExitCode.Panic => BootOutcome.Panic,
            _ => BootOutcome.UnknownExitValue,
        };
        return (outcome, value);
    }

    /// <summary>A short human description of <paramref name="outcome"/>.</summary>
    public static string Describe(BootOutcome outcome) => outcome switch
    {
        BootOutcome.Success => "the image reported success",
        BootOutcome.TestsFailed => "in-image tests failed",
        BootOutcome.UnhandledException => "unhandled exception in the kernel",
        BootOutcome.CpuException => "CPU exception in the kernel",
        BootOutcome.Panic => "kernel panic",
        BootOutcome.UnknownExitValue => "the image wrote an unknown exit value",
        BootOutcome.TripleFault => "triple fault (the machine reset; QEMU status 0 under -no-reboot)",
        BootOutcome.Timeout => "timeout: the image did not exit and QEMU was killed",
        BootOutcome.QemuError => "QEMU failed to run the image",
        BootOutcome.QemuMissing => "QEMU is not installed",
        BootOutcome.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
