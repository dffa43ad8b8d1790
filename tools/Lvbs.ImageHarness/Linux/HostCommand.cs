using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// Runs a host command (apt-get, apt-cache, dpkg) to completion and collects its output, so
/// failures can be reported with what the tool itself said.
/// </summary>
internal static class HostCommand
{
    /// <summary>The exit status and the interleaved stdout/stderr lines.</summary>
    internal sealed record Result(int ExitCode, IReadOnlyList<string> Output)
    {
        /// <summary>The last lines of output, for error messages.</summary>
        public string Tail(int lines = 12) => string.Join('\n', Output.Count <= lines ? Output : Output.Skip(Output.Count - lines));
    }

    /// <summary>Runs <paramref name="file"/>; throws <see cref="LinuxGuestException"/> only when it cannot start.</summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string? workingDirectory, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // Stable, parseable English output from apt regardless of the user's locale.
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";

        var output = new List<string>();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new LinuxGuestException(LinuxGuestFailure.HostTool,
                $"Could not run {file}: {e.Message}. The Linux guest's kernel comes from Debian's apt repositories, which needs a Debian/Ubuntu host with apt-get and dpkg.", e);
        }

        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return new Result(process.ExitCode, output);
    }

    private static async Task PumpAsync(System.IO.StreamReader reader, List<string> output)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }
}
