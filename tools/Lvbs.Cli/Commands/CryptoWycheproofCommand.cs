using System.CommandLine;
using Lvbs.Crypto.Conformance;

namespace Lvbs.Cli.Commands;

/// <summary>
/// <c>lvbs crypto wycheproof FILE.json...</c>: runs Wycheproof v1 vector files against the
/// kernel's crypto code (Lvbs.Kernel.Core, no host crypto). The family comes from each file's
/// <c>schema</c> field. One line per file, then <c>N passed, N failed</c> (vectors); exit 0 only
/// when no vector failed and every file could be run.
/// </summary>
public static class CryptoWycheproofCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Wycheproof v1 *_test.json files.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "Also print each failed vector." };
        var command = new Command("wycheproof", "Run Wycheproof v1 vector files against the kernel's crypto.") { files, verbose };
        command.SetAction(parse => WycheproofConsoleReport.Run(
            WycheproofRunner.ForThisMachine(), parse.GetValue(files) ?? System.Array.Empty<string>(), parse.GetValue(verbose), System.Console.Out)
            ? CliExitCodes.Ok : CliExitCodes.Error);
        return command;
    }
}
