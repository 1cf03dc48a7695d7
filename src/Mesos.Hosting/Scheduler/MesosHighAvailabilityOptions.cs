namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Scheduler high availability (<c>Mesos:Scheduler:HighAvailability</c>): instances of one framework elect a
/// leader through ZooKeeper; only the leader subscribes, the others stand by, and the framework ID is kept in
/// ZooKeeper so that the next leader resumes the same framework.
/// </summary>
public sealed class MesosHighAvailabilityOptions
{
    /// <summary>
    /// Where the instances elect their leader and keep the framework ID: <c>zk://[user:password@]host:port,…/path</c>,
    /// a path of this framework's own. Unset: one instance, always leading.
    /// </summary>
    public string? ZooKeeper { get; set; }

    /// <summary>
    /// The ZooKeeper session timeout asked for: how long a leader that stopped answering (crashed, cut off) holds
    /// its leadership before another instance takes over.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
