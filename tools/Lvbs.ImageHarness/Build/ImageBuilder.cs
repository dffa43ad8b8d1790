using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Lvbs.ImageHarness.Build;

/// <summary>
/// Builds the freestanding image by running <c>dotnet build kernel/Image -c Release</c>, the
/// same command the Cake Image target runs, streaming its output lines to a callback.
/// </summary>
public static class ImageBuilder
{
    /// <summary>
    /// Builds the image unless <paramref name="force"/> is false and
    /// <see cref="ImageFreshness"/> says it is up to date.
    /// </summary>
    public static async Task<ImageBuildResult> BuildAsync(
        RepoLayout layout,
        Action<string>? onLine = null,
        bool force = false,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(layout.ImageProject))
        {
            return new ImageBuildResult(false, null, [], TimeSpan.Zero,
                $"The image project {Path.GetRelativePath(layout.Root, layout.ImageProject)} does not exist yet.");
        }

        if (!force && ImageFreshness.IsUpToDate(layout))
        {
            return new ImageBuildResult(true, null, [], TimeSpan.Zero, "The image is up to date.");
        }

        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = layout.Root,
        };
        foreach (var arg in new[] { "build", layout.ImageProject, "-c", "Release", "-nologo", "-v:minimal", "-clp:NoSummary" })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        var output = new List<string>();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new ImageBuildResult(false, null, output, clock.Elapsed, $"Could not start dotnet: {e.Message}");
        }

        var stdout = PumpAsync(process.StandardOutput, output, onLine);
        var stderr = PumpAsync(process.StandardError, output, onLine);
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
        var ok = process.ExitCode == 0 && File.Exists(layout.ImageElf);
        var message = ok
            ? $"Built {Path.GetRelativePath(layout.Root, layout.ImageElf)}."
            : process.ExitCode != 0
                ? $"dotnet build of the image failed (exit code {process.ExitCode})."
                : $"dotnet build succeeded but {Path.GetRelativePath(layout.Root, layout.ImageElf)} was not produced.";
        return new ImageBuildResult(ok, process.ExitCode, output, clock.Elapsed, message);
    }

    private static async Task PumpAsync(StreamReader reader, List<string> output, Action<string>? onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (output)
            {
                output.Add(line);
            }

            onLine?.Invoke(line);
        }
    }
}
