using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.Hosting;

/// <summary>Healthy when subscribed with fresh heartbeats; degraded while connecting; unhealthy after an unrecoverable error.</summary>
internal sealed class MesosSchedulerHealthCheck(SchedulerDriver driver, TimeProvider time, MesosSchedulerOptionsHolder options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = driver.Health;
        var data = new Dictionary<string, object> { ["state"] = health.State.ToString(), ["subscribeAttempts"] = driver.SubscribeAttempts };
        var result = health.State switch
        {
            SchedulerState.Failed => HealthCheckResult.Unhealthy($"Unrecoverable Mesos error: {health.Error}", data: data),
            SchedulerState.Subscribed when time.GetUtcNow() - health.LastEventAt <= health.HeartbeatInterval * options.Value.HeartbeatMissesBeforeReconnect
                => HealthCheckResult.Healthy($"Subscribed as framework {driver.FrameworkId?.Value}", data),
            SchedulerState.Subscribed => HealthCheckResult.Degraded("Subscribed, but heartbeats are late", data: data),
            _ => HealthCheckResult.Degraded($"Not subscribed ({health.State})", data: data),
        };
        return Task.FromResult(result);
    }
}
