using System;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.Cli.Terminal;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Linux;
using Spectre.Console;

namespace Lvbs.Cli.Commands;

/// <summary>
/// The "prepare the Linux guest" step of <c>lvbs run --guest linux</c>: downloads the Debian
/// kernel on first use (the slow part, so each step is printed as it happens), builds the
/// busybox initramfs and writes the blob passed as <c>-initrd</c>.
/// </summary>
public static class LinuxGuestStep
{
    /// <summary>Returns the blob's files, or null after printing why it could not be built.</summary>
    public static async Task<LinuxGuestBlobFiles?> RunAsync(RepoLayout layout, string commandLine, CancellationToken cancellationToken)
    {
        try
        {
            return await LinuxGuestArtifacts.PrepareAsync(
                layout,
                commandLine,
                line => AnsiConsole.MarkupLine($"[grey]linux guest: {Markup.Escape(line)}[/]"),
                cancellationToken);
        }
        catch (LinuxGuestException e)
        {
            Ui.Error(e.Message);
            return null;
        }
    }
}
