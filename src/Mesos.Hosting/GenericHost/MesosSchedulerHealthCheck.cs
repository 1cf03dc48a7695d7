using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Healthy when subscribed with fresh heartbeats and no trouble of late; degraded while connecting, when
/// heartbeats are late, when subscriptions keep failing or calls are being refused; unhealthy once the
/// driver has stopped, by an unrecoverable error or with the host.
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
        var data = new Dictionary<string, object> { ["state"] = health.State.ToString(), ["subscribeAttempts"] = status.SubscribeAttempts, ["recentFailedSubscriptions"] = failures };
        var result = health.State switch
        {
            SchedulerState.Failed => HealthCheckResult.Unhealthy($"Unrecoverable Mesos error: {health.Error}", data: data),
            SchedulerState.Stopped => HealthCheckResult.Unhealthy("The scheduler driver has stopped", data: data),
            SchedulerState.Standby => HealthCheckResult.Healthy("Standing by: another instance of the framework leads", data),
            SchedulerState.Subscribed when time.GetUtcNow() - health.LastEventAt > health.HeartbeatInterval * options.Value.HeartbeatMissesBeforeReconnect
                => HealthCheckResult.Degraded("Subscribed, but heartbeats are late", data: data),
            SchedulerState.Subscribed when failures > TolerableFailedSubscriptions
                => HealthCheckResult.Degraded($"Subscribed, but {failures} subscriptions failed in the last {SchedulerStatus.TroubleWindow.TotalMinutes:0} minutes", data: data),
            SchedulerState.Subscribed when refusal is not null => HealthCheckResult.Degraded($"Subscribed, but Mesos refuses calls: {refusal}", data: data),
            SchedulerState.Subscribed => HealthCheckResult.Healthy($"Subscribed as framework {status.FrameworkId?.Value}", data),
            _ => HealthCheckResult.Degraded($"Not subscribed ({health.State})", data: data),
        };
        return Task.FromResult(result);
    }
}
