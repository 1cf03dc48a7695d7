using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Http;

/// <summary><c>/metrics/snapshot</c> as libprocess serves it: one JSON object of metric name → number.</summary>
internal static class MetricsJson
{
    public static async Task WriteAsync(HttpContext context, Func<IReadOnlyDictionary<string, double>> snapshot, object sync)
    {
        IReadOnlyDictionary<string, double> metrics;
        lock (sync)
        {
            metrics = snapshot();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(metrics), context.RequestAborted).ConfigureAwait(false);
    }
}
