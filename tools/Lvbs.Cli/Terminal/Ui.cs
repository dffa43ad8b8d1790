using System;
using Lvbs.ImageHarness.Qemu;
using Lvbs.ImageHarness.Serial;
using Spectre.Console;

namespace Lvbs.Cli.Terminal;

/// <summary>Console output shared by the commands: errors, serial lines, boot summaries.</summary>
public static class Ui
{
    /// <summary>Prints an error in red on stderr.</summary>
    public static void Error(string message) =>
        Stderr.MarkupLine($"[red bold]error:[/] {Markup.Escape(message)}");

    /// <summary>
    /// Prints one serial line exactly as the kernel sent it (never re-wrapped, so logs stay
    /// greppable), coloured on a terminal for the lines the kernel protocol defines.
    /// </summary>
    public static void SerialLine(string line)
    {
        var colour = line switch
        {
            _ when line.StartsWith(SerialTranscript.BannerPrefix, StringComparison.Ordinal) => "1",
            _ when line.StartsWith(SerialTranscript.PanicPrefix, StringComparison.Ordinal)
                || line.StartsWith(SerialTranscript.UnhandledExceptionPrefix, StringComparison.Ordinal)
                || line.StartsWith(CpuExceptionReport.Prefix, StringComparison.Ordinal)
                || SelfTestCase.TryParse(line) is { Passed: false } => "31",
            _ when SelfTestCase.TryParse(line) is { Passed: true } => "32",
            _ when SelfTestSummary.TryParse(line) is { } s => s.Failed == 0 ? "1;32" : "1;31",
            _ => null,
        };
        var output = System.Console.Out;
        if (colour is null || !AnsiConsole.Profile.Capabilities.Ansi)
        {
            output.WriteLine(line);
        }
        else
        {
            output.WriteLine("\u001b[" + colour + "m" + line + "\u001b[0m");
        }
    }

    /// <summary>Prints how a boot ended, in words, with its timing.</summary>
    public static void BootSummary(BootResult result)
    {
        var colour = result.Outcome == BootOutcome.Success ? "green" : "red";
        AnsiConsole.MarkupLine($"[{colour} bold]{Markup.Escape(result.Summary)}[/]");
        if (result.Outcome is BootOutcome.QemuError or BootOutcome.QemuMissing && result.QemuStderr.Length > 0)
        {
            Stderr.WriteLine(result.QemuStderr.TrimEnd());
        }
    }

    /// <summary>The console for diagnostics, kept off stdout so serial output stays clean.</summary>
    public static IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
}
