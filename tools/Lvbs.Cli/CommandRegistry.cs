using System.CommandLine;
using Lvbs.Cli.Commands;

namespace Lvbs.Cli;

/// <summary>
/// The list of top-level commands. Adding a command is one file under Commands/ with a static
/// <c>Create()</c> returning a <see cref="Command"/>, plus one line here.
/// </summary>
public static class CommandRegistry
{
    /// <summary>Builds the root command with every registered subcommand.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("lvbs: build, boot and inspect the Lvbs.SecureKernel image.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ImageCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(PlatformsCommand.Create());
        root.Subcommands.Add(CryptoCommand.Create());
        root.Subcommands.Add(ModuleCommand.Create());
        root.Subcommands.Add(KexecCommand.Create());
        return root;
    }
}
