using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.Cli.Terminal;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Host;
using Lvbs.ImageHarness.Qemu;
using Spectre.Console;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs run</c>: builds the image if needed, boots it under QEMU (TCG), streams the serial
/// console and exits with the image's status (see <see cref="CliExitCodes"/>).
/// </summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var selftest = new Option<bool>("--selftest") { Description = "Run the in-image tests (adds 'selftest' to the kernel command line)." };
        var append = new Option<string?>("--append") { Description = "Extra kernel command line words, e.g. \"fault=null\" or \"gctest heap=4M\"." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds before QEMU is killed.",
            DefaultValueFactory = _ => (int)QemuBootOptions.DefaultTimeout.TotalSeconds,
        };
        var noBuild = new Option<bool>("--no-build") { Description = "Boot the existing image without checking whether it needs a rebuild." };

        var command = new Command("run", "Build the image if needed, boot it in QEMU and stream its serial console.")
        {
            selftest, append, timeout, noBuild,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(selftest),
            parse.GetValue(append),
            parse.GetValue(timeout),
            parse.GetValue(noBuild),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool selftest, string? append, int timeoutSeconds, bool noBuild, CancellationToken cancellationToken)
    {
        if (timeoutSeconds <= 0)
        {
            Ui.Error("--timeout must be a positive number of seconds.");
            return CliExitCodes.Error;
        }

        var layout = RepoLayout.Discover();
        if (!noBuild)
        {
            var built = await ImageBuildStep.RunAsync(layout, cancellationToken);
            if (built != CliExitCodes.Ok)
            {
                return built;
            }
        }
        else if (!File.Exists(layout.ImageElf))
        {
            Ui.Error($"--no-build given but {Path.GetRelativePath(layout.Root, layout.ImageElf)} does not exist. Run without --no-build.");
            return CliExitCodes.Error;
        }

        var missing = HostTools.Missing(HostTools.ForBoot);
        if (missing.Count > 0)
        {
            Ui.Error(HostTools.DescribeMissing(missing));
            return CliExitCodes.MissingTool;
        }

        var options = new QemuBootOptions
        {
            KernelPath = layout.ImageElf,
            CommandLine = KernelCommandLine(selftest, append),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        };

        AnsiConsole.Write(new Rule($"[grey]boot[/] [bold]{Markup.Escape(options.CommandLine.Length > 0 ? options.CommandLine : "(no command line)")}[/]").LeftJustified());
        // Plain write: a copy-pasteable command must not be re-wrapped.
        System.Console.Out.WriteLine(QemuCommandLine.Format(options));

        var result = await QemuRunner.BootAsync(options, Ui.SerialLine, cancellationToken);

        AnsiConsole.Write(new Rule().RuleStyle("grey"));
        Ui.BootSummary(result);
        return CliExitCodes.ForBoot(result);
    }

    private static string KernelCommandLine(bool selftest, string? append)
    {
        var extra = append?.Trim() ?? string.Empty;
        return selftest ? (extra.Length > 0 ? "selftest " + extra : "selftest") : extra;
    }
}
