using System.Buffers;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// What the ingest harness's master streams: SUBSCRIBED, then a body of framed events repeated <see cref="Repeats"/>
/// times; and the body's payloads, for the in-memory parse beside it.
/// </summary>
internal sealed class IngestSource
{
    // Generated UPDATEs: this many distinct ones, repeated to the count asked for.
    private const int DistinctUpdates = 100_000;

    private IngestSource(byte[] subscribed, List<byte[]> payloads, int repeats, bool replayed)
    {
        Subscribed = subscribed;
        Payloads = payloads;
        Repeats = repeats;
        Replayed = replayed;
        var body = new ArrayBufferWriter<byte>();
        payloads.ForEach(p => RecordIoWriter.Write(body, p));
        Body = body.WrittenSpan.ToArray();
    }

    /// <summary>The SUBSCRIBED event as one RecordIO record.</summary>
    public byte[] Subscribed { get; }

    /// <summary>The events that reach a callback, framed back to back.</summary>
    public byte[] Body { get; }

    public List<byte[]> Payloads { get; }

    public int Repeats { get; }

    /// <summary>Whether the events came from a file.</summary>
    public bool Replayed { get; }

    public int Events => Payloads.Count * Repeats;

    public double MeanEventBytes => Payloads.Average(p => (double)p.Length);

    public static IngestSource Updates(int count)
    {
        var subscribed = new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed { FrameworkId = MesosId.Of<FrameworkID>("ingest-0000"), HeartbeatIntervalSeconds = 15 },
        };
        var distinct = Math.Min(count, DistinctUpdates);
        var payloads = Enumerable.Range(0, distinct).Select(i => EventPayloads.Update(i).ToByteArray()).ToList();
        return new IngestSource(Record(subscribed.ToByteArray()), payloads, Math.Max(1, count / distinct), replayed: false);
    }

    /// <summary>
    /// A recorded protobuf stream (SUBSCRIBED first): its events that reach a callback (offers, updates, rescinds; not
    /// heartbeats), repeated as many times as fit in <paramref name="budget"/> bytes, at least once.
    /// </summary>
    public static async Task<IngestSource> ReplayAsync(string file, long budget)
    {
        var payloads = new List<byte[]>();
        await using (var reader = new RecordIoReader(File.OpenRead(file)))
        {
            while (await reader.ReadAsync())
            {
                payloads.Add(reader.Current.ToArray());
            }
        }

        if (payloads.Count == 0 || Event.Parser.ParseFrom(payloads[0]).Type != Event.Types.Type.Subscribed)
        {
            throw new InvalidDataException($"{file} does not start with a SUBSCRIBED event; record one with ingest --write-offers, or capture a protobuf subscription.");
        }

        var visible = payloads.Skip(1).Where(p => Event.Parser.ParseFrom(p).Type is Event.Types.Type.Offers or Event.Types.Type.Update or Event.Types.Type.Rescind).ToList();
        if (visible.Count == 0)
        {
            throw new InvalidDataException($"{file} has no OFFERS, UPDATE or RESCIND event to replay.");
        }

        var bodyBytes = visible.Sum(p => (long)p.Length + RecordIoWriter.MaxHeaderLength);
        return new IngestSource(Record(payloads[0]), visible, (int)Math.Clamp(budget / bodyBytes, 1, int.MaxValue / visible.Count), replayed: true);
    }

    private static byte[] Record(byte[] payload)
    {
        var output = new ArrayBufferWriter<byte>();
        RecordIoWriter.Write(output, payload);
        return output.WrittenSpan.ToArray();
    }
}

/// <summary><c>ingest --write-offers FILE</c>: a protobuf subscription stream of OFFERS events for <c>ingest --from</c>.</summary>
internal static class OffersFile
{
    public static async Task WriteAsync(string path, int offersPerEvent, int events)
    {
        var subscribed = new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed { FrameworkId = MesosId.Of<FrameworkID>("ingest-0000"), HeartbeatIntervalSeconds = 15 },
        };
        var stream = EventPayloads.Stream(Enumerable.Range(0, events).Select(e => (IMessage)EventPayloads.Offers(offersPerEvent, e * offersPerEvent)).Prepend(subscribed), MesosCodec.Protobuf);
        await File.WriteAllBytesAsync(path, stream);
        Console.WriteLine($"Wrote {events} OFFERS events of {offersPerEvent} offers ({stream.Length} bytes) to {path}.");
    }
}
