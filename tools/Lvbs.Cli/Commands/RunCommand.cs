using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.Cli.Terminal;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Host;
using Lvbs.ImageHarness.Linux;
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
        // No default value: the default depends on --guest (a Linux boot takes minutes under TCG).
        var timeout = new Option<int?>("--timeout")
        {
            Description = $"Seconds before QEMU is killed (default {(int)QemuBootOptions.DefaultTimeout.TotalSeconds}; {(int)LinuxGuestTimeout.TotalSeconds} with --guest linux).",
        };
        var noBuild = new Option<bool>("--no-build") { Description = "Boot the existing image without checking whether it needs a rebuild." };
        var guest = new Option<string?>("--guest")
        {
            Description = "Boot a guest under the secure kernel: 'linux' downloads Debian's cloud kernel (once, into artifacts/linux-guest), " +
                "builds a busybox initramfs and boots with guest=linux, -m 512M and the guest blob as -initrd.",
        };
        guest.AcceptOnlyFromAmong(LinuxGuestName);
        var guestCmdline = new Option<string?>("--guest-cmdline")
        {
            Description = $"The Linux guest's own kernel command line (default \"{LinuxGuestBlob.DefaultCommandLine}\").",
        };

        var replay = new Option<FileInfo?>("--replay")
        {
            Description = "Replay a recorded VTL0 script (LVBSRPL1, see tools/Lvbs.ImageHarness/Replay) in the image: boots with guest=replay, -m 512M and the script as -initrd.",
        };

        var command = new Command("run", "Build the image if needed, boot it in QEMU and stream its serial console.")
        {
            selftest, append, timeout, noBuild, guest, guestCmdline, replay,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(selftest),
            parse.GetValue(append),
            parse.GetValue(timeout),
            parse.GetValue(noBuild),
            parse.GetValue(guest),
            parse.GetValue(guestCmdline),
            parse.GetValue(replay),
            cancellationToken));
        return command;
    }

    private const string LinuxGuestName = "linux";

    /// <summary>A Linux boot to poweroff takes a few seconds natively but minutes on a loaded TCG host.</summary>
    private static readonly TimeSpan LinuxGuestTimeout = TimeSpan.FromSeconds(180);

    private const int LinuxGuestMemoryMiB = 512;

    private static async Task<int> RunAsync(
        bool selftest, string? append, int? timeoutOption, bool noBuild, string? guest, string? guestCmdline, FileInfo? replay,
        CancellationToken cancellationToken)
    {
        var linux = guest == LinuxGuestName;
        if (replay is not null && (linux || !replay.Exists))
        {
            Ui.Error(linux ? "--replay and --guest linux are different workloads." : $"--replay: {replay.FullName} does not exist.");
            return CliExitCodes.Error;
        }

        if (guestCmdline is not null && !linux)
        {
            Ui.Error("--guest-cmdline applies only with --guest linux.");
            return CliExitCodes.Error;
        }

        var timeoutSeconds = timeoutOption ?? (int)(linux ? LinuxGuestTimeout : QemuBootOptions.DefaultTimeout).TotalSeconds;
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

        LinuxGuestBlobFiles? linuxGuest = null;
        if (linux)
        {
            linuxGuest = await LinuxGuestStep.RunAsync(layout, guestCmdline ?? LinuxGuestBlob.DefaultCommandLine, cancellationToken);
            if (linuxGuest is null)
            {
                return CliExitCodes.Error;
            }
        }

        var commandLine = KernelCommandLine(selftest, append);
        var workload = linux ? "guest=linux" : replay is not null ? "guest=replay" : null;
        var options = new QemuBootOptions
        {
            KernelPath = layout.ImageElf,
            CommandLine = workload is null ? commandLine : (commandLine.Length > 0 ? workload + " " + commandLine : workload),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            MemoryMiB = linux || replay is not null ? LinuxGuestMemoryMiB : QemuBootOptions.DefaultMemoryMiB,
            InitrdPath = linuxGuest?.BlobPath ?? replay?.FullName,
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
