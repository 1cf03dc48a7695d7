namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Whether this instance of the framework leads. With <c>Mesos:Scheduler:HighAvailability</c> the instances
/// elect one leader through ZooKeeper and only it runs the scheduler driver; without it, this instance always leads.
/// </summary>
public interface IMesosLeadership
{
    /// <summary>Whether this instance leads now (its driver runs, or is about to).</summary>
    bool IsLeader { get; }

    /// <summary>Raised when this instance starts or stops leading.</summary>
    event EventHandler<MesosLeadershipChangedEventArgs>? Changed;

    /// <summary>Completes once this instance leads.</summary>
    Task WaitUntilLeaderAsync(CancellationToken cancellationToken);
}
