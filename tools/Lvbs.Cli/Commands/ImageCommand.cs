using System.CommandLine;

namespace Lvbs.Cli.Commands;

/// <summary><c>lvbs image</c>: the group of commands about the built image.</summary>
public static class ImageCommand
{
    /// <summary>Creates the group with its subcommands (one line each).</summary>
    public static Command Create()
    {
        var command = new Command("image", "Inspect the freestanding kernel image.");
        command.Subcommands.Add(ImageInfoCommand.Create());
        return command;
    }
}
