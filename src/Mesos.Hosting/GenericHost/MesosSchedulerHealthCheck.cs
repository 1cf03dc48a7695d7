using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Healthy when subscribed with fresh heartbeats and no trouble of late, or standing by for another instance
/// (a standby is live: restarting it helps nothing; it is not ready, which <c>data["state"]</c> tells); degraded
/// while subscribing, reconnecting, when heartbeats are late, when subscriptions keep failing or calls are refused;
/// unhealthy when it has not subscribed within <see cref="MesosSchedulerHealthOptions.SubscribeWithin"/> of starting
/// (or of taking the lead), and once the driver has stopped, by an unrecoverable error or with the host.
/// </summary>
internal sealed class MesosSchedulerHealthCheck(SchedulerStatus status, TimeProvider time, MesosSchedulerOptionsHolder options) : IHealthCheck
{
    /// <summary>Failed subscriptions within <see cref="SchedulerStatus.TroubleWindow"/> beyond which a subscribed driver is still degraded.</summary>
    public const int TolerableFailedSubscriptions = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = status.Health;
        var failures = status.RecentFailedSubscriptions;
        var refusal = status.RecentRefusal;
        var now = time.GetUtcNow();
        var waiting = health.WaitingSince is { } since ? now - since : (TimeSpan?)null;
        var lastProblem = status.LastProblem is { } problem ? $"; last: {problem}" : "";
        var data = new Dictionary<string, object> { ["state"] = health.State.ToString(), ["subscribeAttempts"] = status.SubscribeAttempts, ["recentFailedSubscriptions"] = failures };
        var result = health.State switch
        {
            SchedulerState.Failed => HealthCheckResult.Unhealthy($"Unrecoverable Mesos error: {health.Error}", data: data),
            SchedulerState.Stopped => HealthCheckResult.Unhealthy("The scheduler driver has stopped", data: data),
            SchedulerState.Standby => HealthCheckResult.Healthy("Standing by: another instance of the framework leads", data),
            SchedulerState.Connecting when waiting >= options.Value.Health.SubscribeWithin
                => HealthCheckResult.Unhealthy($"Not subscribed within {HumanDuration.Format(options.Value.Health.SubscribeWithin)} of starting ({status.SubscribeAttempts} attempts{lastProblem})", data: data),
            SchedulerState.Connecting when waiting is { } wait
                => HealthCheckResult.Degraded($"Subscribing to the Mesos master for {HumanDuration.Format(wait)} ({status.SubscribeAttempts} attempts{lastProblem})", data: data),
            SchedulerState.Connecting => HealthCheckResult.Degraded($"Reconnecting to the Mesos master{lastProblem}", data: data),
            SchedulerState.Subscribed when now - health.LastEventAt > health.HeartbeatInterval * options.Value.HeartbeatMissesBeforeReconnect
                => HealthCheckResult.Degraded("Subscribed, but heartbeats are late", data: data),
            SchedulerState.Subscribed when failures > TolerableFailedSubscriptions
                => HealthCheckResult.Degraded($"Subscribed, but {failures} subscriptions failed in the last {HumanDuration.Format(SchedulerStatus.TroubleWindow)}", data: data),
            SchedulerState.Subscribed when refusal is not null => HealthCheckResult.Degraded($"Subscribed, but Mesos refuses calls: {refusal}", data: data),
            SchedulerState.Subscribed => HealthCheckResult.Healthy($"Subscribed as framework {status.FrameworkId?.Value}", data),
            _ => HealthCheckResult.Degraded("Not started yet", data: data),
        };
        return Task.FromResult(result);
    }
}
