using System.CommandLine;

namespace Lvbs.Cli.Commands;

/// <summary><c>lvbs bench</c>: whole-image measurements (not timed assertions).</summary>
public static class BenchCommand
{
    /// <summary>Creates the group with its subcommands (one line each).</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Measure the image.");
        command.Subcommands.Add(BenchBootCommand.Create());
        return command;
    }
}
