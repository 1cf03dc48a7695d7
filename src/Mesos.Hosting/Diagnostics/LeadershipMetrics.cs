using System.Diagnostics.Metrics;
using Mesos.Hosting.HighAvailability;

namespace Mesos.Hosting.Diagnostics;

/// <summary>
/// The scheduler election's instruments, reported with high availability: whether this instance leads, how often the
/// lead changed here, and what went wrong in the election, each of which is logged too ([304], [307], [308]). A standby
/// whose election keeps failing looks like any standby on its health check; here it shows.
/// </summary>
internal sealed class LeadershipMetrics : IDisposable
{
    /// <summary>The tag naming a change: <c>won</c> or <c>lost</c>.</summary>
    public const string Change = "mesos.leadership.change";

    /// <summary>
    /// The tag naming what failed: <c>election</c> (joining or following it), <c>leave</c> (deleting this instance's
    /// node) or <c>handler</c> (a handler of the change, or a callback on the lead's token).
    /// </summary>
    public const string Failure = "mesos.leadership.failure";

    private readonly Counter<long> _changes;
    private readonly Counter<long> _failures;
    private IMesosLeadership? _leadership;

    public LeadershipMetrics()
    {
        _changes = Meter.CreateCounter<long>("mesos.leadership.changes", "{change}", "Times this instance began (won) or stopped (lost) leading the framework.");
        _failures = Meter.CreateCounter<long>("mesos.leadership.failures", "{failure}", "Failures in the scheduler election, by what failed.");
        Meter.CreateObservableGauge("mesos.leadership.leading", () => Volatile.Read(ref _leadership) is { IsLeader: true } ? 1 : 0, "1", "1 while this instance leads the framework, 0 while it stands by.");
    }

    public Meter Meter { get; } = new(MesosDiagnostics.MeterName);

    /// <summary>The election whose lead the gauge reports.</summary>
    public void Observe(IMesosLeadership leadership) => Volatile.Write(ref _leadership, leadership);

    public void Changed(bool leads) => _changes.Add(1, new KeyValuePair<string, object?>(Change, leads ? "won" : "lost"));

    /// <summary>Joining the election, or following its members, failed.</summary>
    public void FailedToFollow() => Failed("election");

    /// <summary>Deleting this instance's node failed.</summary>
    public void FailedToLeave() => Failed("leave");

    /// <summary>A handler of the change, or a callback on the lead's token, threw.</summary>
    public void HandlerFailed() => Failed("handler");

    public void Dispose() => Meter.Dispose();

    private void Failed(string what) => _failures.Add(1, new KeyValuePair<string, object?>(Failure, what));
}
