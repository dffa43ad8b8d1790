using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.Cli.Terminal;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Build;
using Lvbs.ImageHarness.Host;
using Spectre.Console;

namespace Lvbs.Cli.Commands;

/// <summary>
/// The "build the image if needed" step shared by commands that boot or inspect the image:
/// skips when the image is newer than its inputs, otherwise runs the build with a spinner
/// showing the latest output line, and prints the tail of the log on failure.
/// </summary>
public static class ImageBuildStep
{
    private const int FailureTailLines = 40;

    /// <summary>Returns <see cref="CliExitCodes.Ok"/> when the image is ready.</summary>
    public static async Task<int> RunAsync(RepoLayout layout, CancellationToken cancellationToken)
    {
        if (!File.Exists(layout.ImageProject))
        {
            Ui.Error($"{Path.GetRelativePath(layout.Root, layout.ImageProject)} does not exist yet, so there is no image to build.");
            return CliExitCodes.Error;
        }

        if (ImageFreshness.IsUpToDate(layout))
        {
            AnsiConsole.MarkupLine($"[grey]image up to date: {Markup.Escape(Path.GetRelativePath(layout.Root, layout.ImageElf))}[/]");
            return CliExitCodes.Ok;
        }

        var missing = HostTools.Missing(HostTools.ForBuild);
        if (missing.Count > 0)
        {
            Ui.Error(HostTools.DescribeMissing(missing));
            return CliExitCodes.MissingTool;
        }

        // Without a terminal (CI logs) a spinner would print every status change: say it once.
        const string Title = "Building the image (dotnet build kernel/Image -c Release)...";
        ImageBuildResult result;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            result = await AnsiConsole.Status()
                .Spinner(Spinner.Known.Dots)
                .StartAsync(Title, ctx => ImageBuilder.BuildAsync(layout, line =>
                {
                    if (line.Trim() is { Length: > 0 } text)
                    {
                        ctx.Status($"Building the image: {Markup.Escape(Truncate(text, 100))}");
                    }
                }, force: true, cancellationToken));
        }
        else
        {
            AnsiConsole.WriteLine(Title);
            result = await ImageBuilder.BuildAsync(layout, null, force: true, cancellationToken);
        }

        if (!result.Succeeded)
        {
            var output = result.Output;
            for (var i = Math.Max(0, output.Count - FailureTailLines); i < output.Count; i++)
            {
                Ui.Stderr.WriteLine(output[i]);
            }

            Ui.Error(result.Message);
            return CliExitCodes.Error;
        }

        AnsiConsole.MarkupLine($"[green]{Markup.Escape(result.Message)}[/] [grey]({result.Elapsed.TotalSeconds:F1} s)[/]");
        return CliExitCodes.Ok;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : "..." + text[^(max - 3)..];
}
