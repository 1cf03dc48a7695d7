using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// The ingest harness's master: its subscription is a prepared RecordIO stream, SUBSCRIBED first, then, once
/// <see cref="Release"/> is called, the same body of events <c>repeats</c> times, one chunk each, so that a stream many
/// times larger than memory costs no memory.
/// </summary>
internal sealed class StreamingMaster(byte[] subscribed, byte[] body, int repeats) : TestMaster
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the events after SUBSCRIBED flow.</summary>
    public void Release() => _released.TrySetResult();

    protected override async Task StreamEventsAsync(Stream stream, CancellationToken cancellationToken)
    {
        await WriteChunkAsync(stream, subscribed, cancellationToken);
        await _released.Task.WaitAsync(cancellationToken);
        for (var i = 0; i < repeats; i++)
        {
            await WriteChunkAsync(stream, body, cancellationToken);
        }
    }
}
