using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Lvbs.Benchmarks;

/// <summary>
/// The default configuration (console logger, markdown exporter, standard columns) with a short
/// job (3 warm-ups, 10 iterations, one launch) so a full run takes minutes, plus a memory column
/// to show the kernel code allocates nothing per operation.
/// </summary>
public sealed class ShortConfig : ManualConfig
{
    /// <summary>Builds the configuration.</summary>
    public ShortConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
