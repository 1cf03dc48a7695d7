using System.Threading.Channels;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The decoded batches of several decoders put back in stream order: batch <c>n</c> comes from decoder
/// <c>n % decoders</c>, so reading the decoders' queues in turn restores the order without sorting. The stream ends
/// when the queue whose turn it is has ended, or after a batch that <see cref="EventBatch.EndsStream"/>; then
/// <paramref name="ended"/> runs, so that a decoder still holding a later batch stops waiting to hand it over.
/// </summary>
internal sealed class InOrderEventBatches(ChannelReader<EventBatch>[] decoded, Action ended)
{
    private long _next;
    private bool _ended;

    /// <summary>Waits for the next batch in stream order; false once the stream has ended.</summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (!_ended && await decoded[_next % decoded.Length].WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        End();
        return false;
    }

    /// <summary>The next batch in stream order, if it is decoded already.</summary>
    public bool TryRead(out EventBatch batch)
    {
        if (_ended || !decoded[_next % decoded.Length].TryRead(out batch))
        {
            batch = default;
            return false;
        }

        _next++;
        if (batch.EndsStream)
        {
            End();
        }

        return true;
    }

    private void End()
    {
        if (!_ended)
        {
            _ended = true;
            ended();
        }
    }
}
