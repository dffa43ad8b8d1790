using BenchmarkDotNet.Running;

namespace Lvbs.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher over every benchmark class in this assembly.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line (e.g. <c>--filter '*'</c>).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new ShortConfig());
}
