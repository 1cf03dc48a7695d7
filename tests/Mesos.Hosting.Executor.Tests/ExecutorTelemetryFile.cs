using System.Text.Json;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The spans and metrics the test executor's OpenTelemetry exporter wrote, one JSON object a line.</summary>
internal sealed class ExecutorTelemetryFile(string path)
{
    public string Path { get; } = path;

    public List<JsonElement> Spans => Records("span");

    public List<JsonElement> Metrics => Records("metric");

    /// <summary>Re-reads the file each quarter second until <paramref name="condition"/> holds; another process writes it.</summary>
    public async Task WaitForAsync(Func<ExecutorTelemetryFile, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (!condition(this))
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for the executor to export {what}; it exported: {string.Join(", ", Spans.Select(s => Text(s, "name")))}");
            }
        }
    }

    public static string Text(JsonElement record, string property) => record.GetProperty(property).GetString() ?? "";

    public static string Tag(JsonElement span, string key) => span.GetProperty("tags").TryGetProperty(key, out var value) ? value.GetString() ?? "" : "";

    private List<JsonElement> Records(string signal)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var records = new List<JsonElement>();

        // A line still being written has no newline yet: only whole lines count.
        var text = reader.ReadToEnd();
        foreach (var line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var record = JsonDocument.Parse(line).RootElement.Clone();
            if (Text(record, "signal") == signal)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
