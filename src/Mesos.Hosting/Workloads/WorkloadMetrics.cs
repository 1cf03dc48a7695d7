using System.Diagnostics.Metrics;
using Mesos.Hosting.Diagnostics;

namespace Mesos.Hosting.Workloads;

/// <summary>The workloads' instruments, tagged by workload name (never by work or task ID).</summary>
internal sealed class WorkloadMetrics : IDisposable
{
    private readonly Meter _meter = new(MesosDiagnostics.MeterName);
    private readonly Counter<long> _attempts;
    private IReadOnlyDictionary<string, WorkloadCounts> _counts = new Dictionary<string, WorkloadCounts>();

    public WorkloadMetrics()
    {
        _meter.CreateObservableGauge("mesos.workloads.pending", () => Measure(c => c.Pending), "{task}", "Tasks and service instances waiting to launch, by workload.");
        _meter.CreateObservableGauge("mesos.workloads.running", () => Measure(c => c.Running), "{task}", "Attempts launched and not ended, by workload.");
        _meter.CreateObservableGauge("mesos.workloads.finished", () => Measure(c => c.Finished), "{task}", "Tasks that succeeded, by workload.");
        _meter.CreateObservableGauge("mesos.workloads.failed", () => Measure(c => c.Failed), "{task}", "Tasks poisoned (no attempt left), by workload.");
        _attempts = _meter.CreateCounter<long>("mesos.workloads.attempts", "{attempt}", "Attempts launched, by workload.");
    }

    /// <summary>Publishes the counts the gauges report from now on.</summary>
    public void Publish(IReadOnlyDictionary<string, WorkloadCounts> counts) => Volatile.Write(ref _counts, counts);

    public void AttemptLaunched(string name) => _attempts.Add(1, new KeyValuePair<string, object?>("workload", name));

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Measure(Func<WorkloadCounts, long> value)
        => Volatile.Read(ref _counts).Select(p => new Measurement<long>(value(p.Value), new KeyValuePair<string, object?>("workload", p.Key)));
}
