using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.Cli.Terminal;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Host;
using Lvbs.ImageHarness.Qemu;
using Spectre.Console;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs bench boot</c>: boots the image N times, one after another, and reports the
/// QEMU-start-to-exit wall time (min, median, max). Every boot must succeed to count.
/// </summary>
public static class BenchBootCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of boots.", DefaultValueFactory = _ => 10 };
        var append = new Option<string>("--append") { Description = "Kernel command line.", DefaultValueFactory = _ => "selftest" };
        var noBuild = new Option<bool>("--no-build") { Description = "Use the existing image." };
        var command = new Command("boot", "Boot the image repeatedly and report boot-to-exit wall time.") { count, append, noBuild };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), parse.GetValue(append) ?? string.Empty, parse.GetValue(noBuild), ct));
        return command;
    }

    private static async Task<int> RunAsync(int count, string append, bool noBuild, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            Ui.Error("--count must be positive.");
            return CliExitCodes.Error;
        }

        var layout = RepoLayout.Discover();
        if (!noBuild && await ImageBuildStep.RunAsync(layout, cancellationToken) is var built and not CliExitCodes.Ok)
        {
            return built;
        }

        if (HostTools.Missing(HostTools.ForBoot) is { Count: > 0 } missing)
        {
            Ui.Error(HostTools.DescribeMissing(missing));
            return CliExitCodes.MissingTool;
        }

        var options = new QemuBootOptions { KernelPath = layout.ImageElf, CommandLine = append };
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var result = await QemuRunner.BootAsync(options, null, cancellationToken);
            if (result.Outcome != BootOutcome.Success)
            {
                Ui.Error($"boot {i + 1}: {result.Describe()}");
                return CliExitCodes.ForBoot(result);
            }

            times[i] = result.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        var median = count % 2 == 1 ? times[count / 2] : (times[count / 2 - 1] + times[count / 2]) / 2;
        System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"boot '{append}' x{count}: median {median:F0} ms (min {times[0]:F0}, max {times[^1]:F0}) [{string.Join(' ', times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        return CliExitCodes.Ok;
    }
}
