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

    /// <summary>Prints one serial line, colouring the lines the kernel protocol defines.</summary>
    public static void SerialLine(string line)
    {
        var style = line switch
        {
            _ when line.StartsWith(SerialTranscript.BannerPrefix, StringComparison.Ordinal) => "bold",
            _ when line.StartsWith(SerialTranscript.PanicPrefix, StringComparison.Ordinal)
                || line.StartsWith(SerialTranscript.UnhandledExceptionPrefix, StringComparison.Ordinal)
                || line.StartsWith(CpuExceptionReport.Prefix, StringComparison.Ordinal)
                || SelfTestCase.TryParse(line) is { Passed: false } => "red",
            _ when SelfTestCase.TryParse(line) is { Passed: true } => "green",
            _ when SelfTestSummary.TryParse(line) is { } s => s.Failed == 0 ? "green bold" : "red bold",
            _ => null,
        };
        if (style is null)
        {
            AnsiConsole.WriteLine(line);
        }
        else
        {
            AnsiConsole.MarkupLine($"[{style}]{Markup.Escape(line)}[/]");
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
