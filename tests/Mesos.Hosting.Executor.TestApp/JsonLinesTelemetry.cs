using System.Diagnostics;
using System.Text.Json;
using Mesos.Hosting.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mesos.Hosting.Executor.TestApp;

/// <summary>
/// OpenTelemetry for the test executor: the SDK, with Mesos.Hosting's instrumentation, exporting each finished
/// span and, every half second, each metric as one JSON line appended to a file the test names
/// (configuration key <c>Telemetry:File</c>). The test reads the file: this process has no other line to it.
/// </summary>
internal static class JsonLinesTelemetry
{
    public static IDisposable Start(string file)
    {
        var sink = new JsonLinesFile(file);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .AddMesosInstrumentation()
            .AddProcessor(new SimpleActivityExportProcessor(new SpanExporter(sink)))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMesosInstrumentation()
            .AddReader(new PeriodicExportingMetricReader(new MetricExporter(sink), exportIntervalMilliseconds: 500))
            .Build();
        return new Providers(tracing, metrics);
    }

    private sealed class Providers(TracerProvider tracing, MeterProvider metrics) : IDisposable
    {
        public void Dispose()
        {
            tracing.Dispose();
            metrics.Dispose();
        }
    }

    private sealed class JsonLinesFile(string path)
    {
        private readonly Lock _gate = new();

        public void Append(IEnumerable<object> records)
        {
            var lines = records.Select(r => JsonSerializer.Serialize(r) + "\n").ToList();
            lock (_gate)
            {
                using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                using var writer = new StreamWriter(stream);
                foreach (var line in lines)
                {
                    writer.Write(line);
                }
            }
        }
    }

    private sealed class SpanExporter(JsonLinesFile sink) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            var spans = new List<object>();
            foreach (var span in batch)
            {
                spans.Add(new
                {
                    signal = "span",
                    name = span.OperationName,
                    kind = span.Kind.ToString(),
                    traceId = span.TraceId.ToHexString(),
                    spanId = span.SpanId.ToHexString(),
                    parentSpanId = span.ParentSpanId.ToHexString(),
                    status = span.Status.ToString(),
                    tags = span.TagObjects.ToDictionary(t => t.Key, t => Text(t.Value)),
                });
            }

            sink.Append(spans);
            return ExportResult.Success;
        }
    }

    private sealed class MetricExporter(JsonLinesFile sink) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            var metrics = new List<object>();
            foreach (var metric in batch)
            {
                var points = new List<Dictionary<string, string>>();
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var tag in point.Tags)
                    {
                        tags[tag.Key] = Text(tag.Value);
                    }

                    points.Add(tags);
                }

                metrics.Add(new { signal = "metric", name = metric.Name, unit = metric.Unit, type = metric.MetricType.ToString(), points });
            }

            sink.Append(metrics);
            return ExportResult.Success;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable<string> many => string.Join(",", many),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
