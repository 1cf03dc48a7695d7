using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// The read side of a subscription: a RecordIO stream of protobuf events through our reader and codec,
/// next to Google.Protobuf parsing the same payloads from memory, the floor we cannot beat.
/// </summary>
public abstract class EventDecoding
{
    private byte[] _stream = [];
    private byte[][] _payloads = [];

    protected void Prepare(IReadOnlyList<Event> events)
    {
        _payloads = events.Select(e => e.ToByteArray()).ToArray();
        _stream = EventPayloads.Stream(events, MesosCodec.Protobuf);
    }

    protected int ParseEachPayloadFromMemory()
    {
        var types = 0;
        foreach (var payload in _payloads)
        {
            types += (int)Event.Parser.ParseFrom(payload).Type;
        }

        return types;
    }

    protected async Task<int> ReadTheRecordIoStream()
    {
        var types = 0;
        await using var reader = new RecordIoReader(new MemoryStream(_stream, writable: false));
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            types += (int)MesosCodec.Protobuf.Decode<Event>(reader.Current).Type;
        }

        return types;
    }
}
