using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Host;
using Lvbs.ImageHarness.Serial;

namespace Lvbs.ImageHarness.Qemu;

/// <summary>
/// Boots an image under QEMU, streams serial lines to a callback as they arrive, and ends the
/// boot when the image exits, on timeout or on cancellation (killing QEMU in the last two
/// cases). Safe to use for several boots in parallel.
/// </summary>
public static class QemuRunner
{
    /// <summary>Boots once and returns how it ended; never throws for boot failures.</summary>
    /// <param name="options">The image, command line, timeout and QEMU executable.</param>
    /// <param name="onLine">Called for each serial line as it completes (on a pool thread).</param>
    /// <param name="cancellationToken">Cancels the boot; QEMU is killed.</param>
    public static async Task<BootResult> BootAsync(
        QemuBootOptions options,
        Action<string>? onLine = null,
        CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        var executable = HostTools.Find(options.QemuExecutable);
        if (executable is null)
        {
            return Finished(BootOutcome.QemuMissing, null, lines, $"{options.QemuExecutable}: not found on PATH", TimeSpan.Zero);
        }

        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in QemuCommandLine.Build(options))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = psi };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return Finished(BootOutcome.QemuMissing, null, lines, $"{executable}: {e.Message}", clock.Elapsed);
        }

        var stdoutTask = PumpLinesAsync(process.StandardOutput.BaseStream, lines, onLine);
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        BootOutcome? killedAs = null;
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killedAs = cancellationToken.IsCancellationRequested ? BootOutcome.Cancelled : BootOutcome.Timeout;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        // QEMU has exited, so both pipes reach end of file.
        await stdoutTask.ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        if (killedAs is { } killed)
        {
            return Finished(killed, null, lines, stderr, elapsed);
        }

        var status = process.ExitCode;
        var (outcome, value) = BootOutcomes.Classify(status);
        return new BootResult(outcome, status, value, Snapshot(lines), stderr, elapsed);
    }

    private static async Task PumpLinesAsync(Stream stdout, List<string> lines, Action<string>? onLine)
    {
        var splitter = new SerialLineSplitter();
        var buffer = new byte[4096];
        int read;
        while ((read = await stdout.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            foreach (var line in splitter.Feed(buffer.AsSpan(0, read)))
            {
                Deliver(line, lines, onLine);
            }
        }

        if (splitter.Flush() is { } tail)
        {
            Deliver(tail, lines, onLine);
        }
    }

    private static void Deliver(string line, List<string> lines, Action<string>? onLine)
    {
        lock (lines)
        {
            lines.Add(line);
        }

        onLine?.Invoke(line);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill: nothing to do.
        }
    }

    private static BootResult Finished(BootOutcome outcome, int? status, List<string> lines, string stderr, TimeSpan elapsed) =>
        new(outcome, status, null, Snapshot(lines), stderr, elapsed);

    private static SerialTranscript Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return new SerialTranscript(lines.ToArray());
        }
    }
}
