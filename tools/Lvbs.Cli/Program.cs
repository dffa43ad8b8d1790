using System.Threading.Tasks;

namespace Lvbs.Cli;

/// <summary>Entry point of the <c>lvbs</c> command.</summary>
public static class Program
{
    /// <summary>Parses the arguments and runs the selected command.</summary>
    public static Task<int> Main(string[] args) => CommandRegistry.CreateRoot().Parse(args).InvokeAsync();
}
