using Mesos.Hosting.Executor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.GenericHost;

/// <summary>Healthy when subscribed to the agent; degraded while connecting or shutting down.</summary>
internal sealed class MesosExecutorHealthCheck(ExecutorLoop loop, ExecutorDriver driver) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["state"] = loop.State.ToString(),
            ["unacknowledgedUpdates"] = driver.UnacknowledgedUpdates,
            ["subscribeAttempts"] = loop.SubscribeAttempts,
        };
        return Task.FromResult(loop.State == ExecutorState.Subscribed
            ? HealthCheckResult.Healthy($"Subscribed as executor {driver.Environment.ExecutorId}", data)
            : HealthCheckResult.Degraded($"Not subscribed ({loop.State})", data: data));
    }
}
