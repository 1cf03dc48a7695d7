namespace Mesos.Hosting.Scheduler;

/// <summary>How the <c>mesos-scheduler</c> health check judges the driver (<c>Mesos:Scheduler:Health</c>).</summary>
public sealed class MesosSchedulerHealthOptions
{
    /// <summary>
    /// How long the scheduler may try to subscribe, from its start (or from taking the lead, with high availability),
    /// before the health check calls it Unhealthy instead of Degraded: a scheduler that never reached a master is
    /// broken (a wrong URL, a refused principal), not merely reconnecting. Defaults to 60 seconds.
    /// </summary>
    public TimeSpan SubscribeWithin { get; set; } = TimeSpan.FromSeconds(60);
}
