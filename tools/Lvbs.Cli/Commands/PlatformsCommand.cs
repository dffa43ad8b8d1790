using System.CommandLine;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Platforms;
using Spectre.Console;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs platforms</c>: the capability matrix of every hypervisor backend (one row per
/// backend, one column per capability, full / approximate / none), then why each non-full cell
/// is what it is, and which backends run on this machine.
/// </summary>
public static class PlatformsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var plain = new Option<bool>("--plain") { Description = "Print the plain-text matrix (no table drawing)." };
        var command = new Command("platforms", "Print the capability matrix of the hypervisor backends.") { plain };
        command.SetAction(parse => Run(parse.GetValue(plain)));
        return command;
    }

    private static int Run(bool plain)
    {
        if (plain)
        {
            System.Console.Write(CapabilityMatrix.ToText());
            return CliExitCodes.Ok;
        }

        // Drawn transposed (one column per backend) so it fits an 80-column terminal; --plain
        // prints the canonical one-row-per-backend matrix.
        var rows = CapabilityMatrix.Rows();
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn(string.Empty) { Padding = new Padding(0, 0, 2, 0) });
        foreach (BackendCapabilities row in rows)
        {
            table.AddColumn(new TableColumn(Markup.Escape(row.Name)) { Padding = new Padding(0, 0, 2, 0) });
        }

        foreach (Capability c in CapabilityMatrix.Columns())
        {
            var cells = new System.Collections.Generic.List<string> { CapabilityMatrix.ColumnName(c) };
            foreach (BackendCapabilities row in rows)
            {
                cells.Add(Cell(row.Get(c).Level));
            }

            table.AddRow(cells.ToArray());
        }

        var runs = new System.Collections.Generic.List<string> { "runs here" };
        foreach (BackendCapabilities row in rows)
        {
            runs.Add(CapabilityMatrix.RunsHere(row.Name) ? (row.Name == "native-svm" ? "[green]TCG[/]" : "[green]in-proc[/]") : "[grey]ABI only[/]");
        }

        table.AddRow(runs.ToArray());
        AnsiConsole.Write(table);
        foreach (BackendCapabilities row in CapabilityMatrix.Rows())
        {
            foreach (Capability c in CapabilityMatrix.Columns())
            {
                CapabilityCell cell = row.Get(c);
                if (cell.Level != CapabilityLevel.Full)
                {
                    AnsiConsole.MarkupLine($"{Markup.Escape(row.Name)} {CapabilityMatrix.ColumnName(c)}: {Cell(cell.Level)} - {Markup.Escape(cell.Reason)}");
                }
            }
        }

        return CliExitCodes.Ok;
    }

    private static string Cell(CapabilityLevel level) => level switch
    {
        CapabilityLevel.Full => "[green]full[/]",
        CapabilityLevel.Approximate => "[yellow]approx.[/]",
        _ => "[red]none[/]",
    };
}
