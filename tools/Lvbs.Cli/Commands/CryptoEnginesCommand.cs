using System.CommandLine;
using Lvbs.Native;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs crypto engines</c>: which implementation the kernel code run on this host uses for
/// the primitives that have more than one (today SHA-256: SHA-NI via liblvbs_native.so, or the
/// portable C#), and why an accelerated one is not in use.
/// </summary>
public static class CryptoEnginesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("engines", "Show which accelerated crypto engines the kernel code uses on this host.");
        command.SetAction(_ =>
        {
            HostedAcceleration.Install();
            System.Console.Out.WriteLine("sha256: " + HostedAcceleration.Sha256Description);
            return CliExitCodes.Ok;
        });
        return command;
    }
}
