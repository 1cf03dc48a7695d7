namespace Mesos.Hosting.Workloads;

/// <summary>The workloads' settings, bound from <c>Mesos:Workloads</c>.</summary>
public sealed class MesosWorkloadOptions
{
    /// <summary>
    /// The DI key of a <see cref="TimeProvider"/> for the workloads alone (backoff, timeouts, healthy reset): a test
    /// can drive their delays without driving the scheduler driver's heartbeat watchdog and reconnection timers,
    /// which use the unkeyed one.
    /// </summary>
    public const string TimeProviderKey = "Mesos.Hosting.Workloads";

    /// <summary>The workload store's file, relative to the content root (or the application's base directory).</summary>
    public string StorePath { get; set; } = "data/workloads.db";

    /// <summary>The refuse_seconds of offers declined while no work waits at all (the framework also suppresses).</summary>
    public double IdleRefuseSeconds { get; set; } = 30;

    /// <summary>The longest wait between retries of a failed store write.</summary>
    public TimeSpan StoreRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}
