using System;
using Lvbs.ImageHarness.Serial;

namespace Lvbs.ImageHarness.Qemu;

/// <summary>The result of one boot: how it ended, what the image printed, how long it took.</summary>
/// <param name="Outcome">How the boot ended.</param>
/// <param name="QemuStatus">QEMU's process exit status; null if it never ran or was killed.</param>
/// <param name="KernelValue">The value the image wrote to isa-debug-exit, if it did.</param>
/// <param name="Serial">The serial console transcript.</param>
/// <param name="QemuStderr">What QEMU printed on stderr (its own errors).</param>
/// <param name="Elapsed">Wall time from QEMU start to exit.</param>
public sealed record BootResult(
    BootOutcome Outcome,
    int? QemuStatus,
    int? KernelValue,
    SerialTranscript Serial,
    string QemuStderr,
    TimeSpan Elapsed)
{
    /// <summary>A one-line summary for logs and assertion messages.</summary>
    public string Summary =>
        $"{BootOutcomes.Describe(Outcome)} (QEMU status {QemuStatus?.ToString() ?? "none"}" +
        (KernelValue is { } v ? $", exit value 0x{v:X2}" : string.Empty) +
        $", {Elapsed.TotalMilliseconds:F0} ms)";

    /// <summary>Summary, QEMU's stderr and the serial transcript, for assertion messages.</summary>
    public string Describe() =>
        Summary + (QemuStderr.Length > 0 ? "\n--- qemu stderr ---\n" + QemuStderr.TrimEnd() : string.Empty) +
        "\n--- serial ---\n" + Serial;
}
