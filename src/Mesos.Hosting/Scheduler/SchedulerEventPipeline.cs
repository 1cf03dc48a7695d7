using System.Buffers;
using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The read side of a subscription as a pipeline of two stages, so that a busy stream keeps both cores of a small
/// machine working: the reader only frames records, copying each batch of them into one pooled buffer and releasing the
/// connection's memory at once; the decoder parses the batch on another thread while the reader frames the next one,
/// and hands the events on to the dispatcher. Each stage is one task with one bounded queue in front of it, so the
/// events reach the dispatcher in the order the master wrote them, and a slow callback holds up the reader, never
/// memory. A record that does not decode ends the stream there: what came before it is still delivered.
/// </summary>
internal sealed class SchedulerEventPipeline : IDisposable
{
    // A batch goes on as soon as the stream has nothing more buffered, or at this many records or payload bytes.
    private const int MaxBatchRecords = 256;
    private const int BatchBytes = 64 * 1024;

    private readonly EventSubscription<Event> _subscription;
    private readonly SchedulerSession _session;
    private readonly TimeProvider _time;
    private readonly Channel<(RecordBatch Records, long ReadAt)> _framed;
    private readonly Channel<EventBatch> _decoded;
    private readonly CancellationTokenSource _stopReading;

    /// <summary>A pipeline for <paramref name="subscription"/>'s events, <paramref name="bufferedEvents"/> of them at most waiting for the callbacks.</summary>
    public SchedulerEventPipeline(EventSubscription<Event> subscription, SchedulerSession session, int bufferedEvents, TimeProvider time)
    {
        _subscription = subscription;
        _session = session;
        _time = time;
        _stopReading = CancellationTokenSource.CreateLinkedTokenSource(session.Ending);
        var batchesPerStage = Math.Max(1, bufferedEvents / (2 * MaxBatchRecords));
        _framed = Channel.CreateBounded<(RecordBatch, long)>(new BoundedChannelOptions(batchesPerStage) { SingleReader = true, SingleWriter = true });
        _decoded = Channel.CreateBounded<EventBatch>(new BoundedChannelOptions(batchesPerStage) { SingleReader = true, SingleWriter = true });

        var first = ArrayPool<Event>.Shared.Rent(1);
        first[0] = subscription.First;
        _decoded.Writer.TryWrite(new EventBatch(first, 1, time.GetTimestamp()));
    }

    /// <summary>The decoded events, in stream order, in batches; complete once the stream has ended.</summary>
    public ChannelReader<EventBatch> Events => _decoded.Reader;

    /// <summary>Runs both stages until the stream ends or the session does.</summary>
    public Task RunAsync() => Task.WhenAll(FrameAsync(_stopReading.Token), DecodeAsync());

    public void Dispose() => _stopReading.Dispose();

    // The reader never waits on a callback except through the bounded queues, and says when it does.
    private async Task FrameAsync(CancellationToken cancellationToken)
    {
        var batch = NewBatch();
        try
        {
            while (true)
            {
                var next = _subscription.ReadRecordAsync(cancellationToken);
                if (!next.IsCompleted && batch.Count > 0)
                {
                    batch = await HandOverAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                if (!await next.ConfigureAwait(false))
                {
                    break;
                }

                batch.Add(_subscription.CurrentRecord);
                if (batch.IsFull || batch.Length >= BatchBytes)
                {
                    batch = await HandOverAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }

            if (batch.Count > 0)
            {
                batch = await HandOverAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended, or the decoder met a record that does not decode, while the queue was full.
        }
        finally
        {
            batch.Dispose();
            _framed.Writer.TryComplete();
        }
    }

    private async ValueTask<RecordBatch> HandOverAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        // The watchdog judges the reader by its reads; a batch is read without a pause, so one mark serves it.
        _session.Touch();
        var framed = (batch, _time.GetTimestamp());
        if (!_framed.Writer.TryWrite(framed))
        {
            _session.SetReaderWaiting(true);
            await _framed.Writer.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
            _session.SetReaderWaiting(false);
            _session.Touch();
        }

        return NewBatch();
    }

    private async Task DecodeAsync()
    {
        try
        {
            while (await _framed.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_framed.Reader.TryRead(out var framed))
                {
                    using (framed.Records)
                    {
                        var (events, complete) = Decode(framed.Records, framed.ReadAt);
                        if (events.Count == 0)
                        {
                            events.Return();
                        }
                        else if (!await PassOnAsync(events).ConfigureAwait(false))
                        {
                            return;
                        }

                        if (!complete)
                        {
                            // The rest of the stream is not read: the reason is the subscription's, and the reader stops now.
                            await _stopReading.CancelAsync().ConfigureAwait(false);
                            return;
                        }
                    }
                }
            }
        }
        finally
        {
            _decoded.Writer.TryComplete();
        }
    }

    // The batch's events, up to the first that does not decode; whether all of them did.
    private (EventBatch Events, bool Complete) Decode(RecordBatch records, long readAt)
    {
        var events = ArrayPool<Event>.Shared.Rent(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (_subscription.Decode(new ReadOnlySequence<byte>(records[i])) is not { } evt)
            {
                return (new EventBatch(events, i, readAt), false);
            }

            events[i] = evt;
        }

        return (new EventBatch(events, records.Count, readAt), true);
    }

    // False when the session ended while the dispatcher's queue was full.
    private async ValueTask<bool> PassOnAsync(EventBatch events)
    {
        try
        {
            if (!_decoded.Writer.TryWrite(events))
            {
                await _decoded.Writer.WriteAsync(events, _session.Ending).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static RecordBatch NewBatch() => new(BatchBytes, MaxBatchRecords);
}

/// <summary>
/// Decoded events, the first <see cref="Count"/> of a pooled array, with the timestamp at which the reader handed them
/// over (what dispatch latency is measured from); the dispatcher returns the array once they are delivered.
/// </summary>
internal readonly record struct EventBatch(Event[] Events, int Count, long ReadAt)
{
    public void Return() => ArrayPool<Event>.Shared.Return(Events, clearArray: true);
}
