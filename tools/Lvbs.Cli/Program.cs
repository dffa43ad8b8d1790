using System.Threading.Tasks;

namespace Lvbs.Cli;

/// <summary>Entry point of the <c>lvbs</c> command.</summary>
public static class Program
{
    /// <summary>
    /// Installs the hosted accelerated engines (so kernel code hashes as the image does on this
    /// CPU), then parses the arguments and runs the selected command.
    /// </summary>
    public static Task<int> Main(string[] args)
    {
        Lvbs.Native.HostedAcceleration.Install();
        return CommandRegistry.CreateRoot().Parse(args).InvokeAsync();
    }
}
