using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// The ingest harness's master: its subscription is a prepared RecordIO stream, SUBSCRIBED first, then the same
/// body of events <c>repeats</c> times, one chunk each, so that a stream many times larger than memory costs no memory.
/// </summary>
internal sealed class StreamingMaster(byte[] subscribed, byte[] body, int repeats) : TestMaster
{
    protected override async Task StreamEventsAsync(Stream stream, CancellationToken cancellationToken)
    {
        await WriteChunkAsync(stream, subscribed, cancellationToken);
        for (var i = 0; i < repeats; i++)
        {
            await WriteChunkAsync(stream, body, cancellationToken);
        }
    }
}
