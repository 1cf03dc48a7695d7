using Mesos.Hosting.Executor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Healthy when subscribed to the agent; degraded while subscribing, reconnecting to the agent or shutting down;
/// unhealthy once the driver has stopped.
/// </summary>
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
        return Task.FromResult(loop.State switch
        {
            ExecutorState.Subscribed => HealthCheckResult.Healthy($"Subscribed as executor {driver.Environment.ExecutorId}", data),
            ExecutorState.Connecting when loop.EverSubscribed => HealthCheckResult.Degraded("Reconnecting to the Mesos agent", data: data),
            ExecutorState.Connecting => HealthCheckResult.Degraded("Subscribing to the Mesos agent", data: data),
            ExecutorState.ShuttingDown => HealthCheckResult.Degraded("Shutting down", data: data),
            _ when loop.SubscribeAttempts > 0 => HealthCheckResult.Unhealthy("The executor driver has stopped", data: data),
            _ => HealthCheckResult.Degraded("Not started yet", data: data),
        });
    }
}
