using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.Workloads;

/// <summary>Unhealthy once a step of the engine failed; degraded while loading or while store writes are being retried.</summary>
internal sealed class WorkloadHealthCheck(WorkloadEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(engine switch
        {
            { Fault: { } fault } => HealthCheckResult.Unhealthy($"The workloads failed: {fault}"),
            { StoreTrouble: { } trouble } => HealthCheckResult.Degraded($"Workload store writes are failing and being retried: {trouble}"),
            { IsLoaded: false } => HealthCheckResult.Degraded("The workload store is not loaded: it is loading, or this instance is a standby"),
            _ => HealthCheckResult.Healthy("Workloads running"),
        });
}
