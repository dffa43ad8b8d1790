using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Lvbs.Cli.Terminal;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Elf;
using Spectre.Console;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs image info</c>: file size of the image and of its stripped copy, and the size of
/// every section, read from the ELF64 section header table.
/// </summary>
public static class ImageInfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var noBuild = new Option<bool>("--no-build") { Description = "Report on the existing image without rebuilding it." };
        var command = new Command("info", "Print the image's file size, stripped size and section sizes.") { noBuild };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(noBuild), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool noBuild, CancellationToken cancellationToken)
    {
        var layout = RepoLayout.Discover();
        if (!noBuild && await ImageBuildStep.RunAsync(layout, cancellationToken) is var built and not CliExitCodes.Ok)
        {
            return built;
        }

        if (!File.Exists(layout.ImageElf))
        {
            Ui.Error($"{Path.GetRelativePath(layout.Root, layout.ImageElf)} does not exist.");
            return CliExitCodes.Error;
        }

        Elf64File elf;
        try
        {
            elf = Elf64File.Load(layout.ImageElf);
        }
        catch (InvalidDataException e)
        {
            Ui.Error($"{layout.ImageElf}: {e.Message}");
            return CliExitCodes.Error;
        }

        var size = new FileInfo(layout.ImageElf).Length;
        var stripped = File.Exists(layout.StrippedElf) ? new FileInfo(layout.StrippedElf).Length : (long?)null;
        var files = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned()).AddColumn();
        files.AddRow("image", Bytes(size), Markup.Escape(Path.GetRelativePath(layout.Root, layout.ImageElf)));
        files.AddRow("stripped", stripped is { } s ? Bytes(s) : "[grey]missing[/]", Markup.Escape(Path.GetRelativePath(layout.Root, layout.StrippedElf)));
        files.AddRow("entry", $"0x{elf.Entry:X}", string.Empty);
        AnsiConsole.Write(files);
        AnsiConsole.WriteLine();

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("section")
            .AddColumn("type")
            .AddColumn("perm")
            .AddColumn(new TableColumn("address").RightAligned())
            .AddColumn(new TableColumn("size").RightAligned());
        foreach (var section in elf.Sections.Where(x => x.Type != 0))
        {
            table.AddRow(
                Markup.Escape(section.Name),
                section.TypeName,
                section.Permissions,
                section.IsAllocated ? $"0x{section.Address:X}" : string.Empty,
                Bytes((long)section.Size));
        }

        var loaded = elf.Sections.Where(x => x.IsAllocated && x.OccupiesFile).Sum(x => (long)x.Size);
        var zeroed = elf.Sections.Where(x => x.IsAllocated && !x.OccupiesFile).Sum(x => (long)x.Size);
        table.AddEmptyRow();
        table.AddRow("[bold]loaded from file[/]", string.Empty, string.Empty, string.Empty, $"[bold]{Bytes(loaded)}[/]");
        table.AddRow("[bold]zero-filled (bss)[/]", string.Empty, string.Empty, string.Empty, $"[bold]{Bytes(zeroed)}[/]");
        AnsiConsole.Write(table);
        return CliExitCodes.Ok;
    }

    private static string Bytes(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
