using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MyFramework;

/// <summary>
/// Writes the health report's status (Healthy, Degraded, Unhealthy) to a file, which a container
/// health check (see marathon.json) can read without an HTTP server in the framework.
/// </summary>
public sealed class HealthFilePublisher(IConfiguration configuration) : IHealthCheckPublisher
{
    private readonly string _path = configuration["Health:File"] ?? Path.Combine(Path.GetTempPath(), "myframework-health");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
        => File.WriteAllTextAsync(_path, report.Status.ToString(), cancellationToken);
}
