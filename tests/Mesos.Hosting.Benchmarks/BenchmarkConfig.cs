using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Mesos.Hosting.Benchmarks;

/// <summary>Every suite reports allocations, and events per second beside the mean time per event.</summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new EventsPerSecondColumn());
        WithOptions(ConfigOptions.JoinSummary);
    }
}
