using Mesos.Hosting.Executor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.Hosting;

/// <summary>Healthy when subscribed to the agent; degraded while connecting or shutting down.</summary>
internal sealed class MesosExecutorHealthCheck(ExecutorDriver driver) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["state"] = driver.State.ToString(),
            ["unacknowledgedUpdates"] = driver.UnacknowledgedUpdates,
            ["subscribeAttempts"] = driver.SubscribeAttempts,
        };
        return Task.FromResult(driver.State == ExecutorState.Subscribed
            ? HealthCheckResult.Healthy($"Subscribed as executor {driver.Environment.ExecutorId}", data)
            : HealthCheckResult.Degraded($"Not subscribed ({driver.State})", data: data));
    }
}
