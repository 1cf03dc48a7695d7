using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MyFramework;

/// <summary>
/// Health over HTTP, from the health checks the SDK registers (mesos-scheduler, mesos-workloads). The process
/// answers only while it runs, so nothing stale outlives it.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Live (200) unless a check is Unhealthy: the scheduler never subscribed in time, or has stopped. A restart
        // helps then; it does not while the scheduler reconnects (Degraded) or stands by for another instance.
        endpoints.MapGet("/health/live", (HealthCheckService health, CancellationToken cancellationToken)
            => AnswerAsync(health, report => report.Status != HealthStatus.Unhealthy, cancellationToken));

        // Ready (200) only when every check is Healthy and this instance leads: a standby is Healthy (it is live)
        // with data state=Standby, and serves no offers.
        endpoints.MapGet("/health/ready", (HealthCheckService health, CancellationToken cancellationToken)
            => AnswerAsync(health, report => report.Status == HealthStatus.Healthy && !report.Entries.Values.Any(IsStandby), cancellationToken));
    }

    private static bool IsStandby(HealthReportEntry entry) => entry.Data.TryGetValue("state", out var state) && "Standby".Equals(state);

    // 200 or 503 for probes; the body says why, check by check, for whoever reads it.
    private static async Task<IResult> AnswerAsync(HealthCheckService health, Func<HealthReport, bool> passes, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { Status = e.Value.Status.ToString(), e.Value.Description });
        return Results.Json(new { Status = report.Status.ToString(), Checks = checks }, statusCode: passes(report) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
