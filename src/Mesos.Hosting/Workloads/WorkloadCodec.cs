using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// Encodes work and attempts for the store: a format byte, then JSON. A record of a format this version does not
/// know (a newer one) fails loading with a clear error rather than being misread or overwritten.
/// </summary>
internal static class WorkloadCodec
{
    public const byte Format = 1;

    public static StoredWork Encode(Work work) => new(work.Key, Encode(work, WorkloadJsonContext.Default.Work));

    public static StoredAttempt Encode(Attempt attempt) => new(attempt.TaskId, attempt.WorkKey, Encode(attempt, WorkloadJsonContext.Default.Attempt));

    public static Work Decode(StoredWork stored) => Decode(stored.Data, WorkloadJsonContext.Default.Work, $"work '{stored.Id}'");

    public static Attempt Decode(StoredAttempt stored) => Decode(stored.Data, WorkloadJsonContext.Default.Attempt, $"attempt '{stored.TaskId}'");

    /// <summary>Whether <paramref name="spec"/> asks for what <paramref name="service"/> runs now, its number of instances aside.</summary>
    public static bool SameSpec(Work service, ServiceSpec spec)
        => service.HealthyAfter == spec.HealthyAfter
            && JsonSerializer.SerializeToUtf8Bytes(service.Spec, WorkloadJsonContext.Default.TaskRequest).AsSpan()
                .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(spec.Task, WorkloadJsonContext.Default.TaskRequest))
            && JsonSerializer.SerializeToUtf8Bytes(service.Retry, WorkloadJsonContext.Default.RetryData).AsSpan()
                .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(RetryData.From(spec.Retry), WorkloadJsonContext.Default.RetryData));

    private static byte[] Encode<T>(T value, JsonTypeInfo<T> type)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var data = new byte[json.Length + 1];
        data[0] = Format;
        json.CopyTo(data, 1);
        return data;
    }

    private static T Decode<T>(ReadOnlyMemory<byte> data, JsonTypeInfo<T> type, string what)
    {
        if (data.Length == 0 || data.Span[0] != Format)
        {
            throw new WorkloadStoreException($"The workload store holds {what} in format {(data.Length == 0 ? "(empty)" : data.Span[0])}; this version reads format {Format} only.");
        }

        try
        {
            return JsonSerializer.Deserialize(data.Span[1..], type) ?? throw new JsonException("null record");
        }
        catch (JsonException ex)
        {
            throw new WorkloadStoreException($"The workload store's {what} is not readable: {ex.Message}", ex);
        }
    }
}
