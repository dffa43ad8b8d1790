using System.CommandLine;

namespace Lvbs.Cli.Commands;

/// <summary><c>lvbs crypto</c>: checks of the kernel's cryptography run on the host.</summary>
public static class CryptoCommand
{
    /// <summary>Creates the group with its subcommands (one line each).</summary>
    public static Command Create()
    {
        var command = new Command("crypto", "Check the kernel's cryptography.");
        command.Subcommands.Add(CryptoWycheproofCommand.Create());
        command.Subcommands.Add(CryptoEnginesCommand.Create());
        return command;
    }
}
