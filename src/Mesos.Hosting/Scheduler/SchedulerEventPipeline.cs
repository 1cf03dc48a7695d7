using System.Buffers;
using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The read side of a subscription as a pipeline, so that a busy stream keeps every core of a small machine working:
/// the reader only frames records, copying each batch of them into one pooled buffer and releasing the connection's
/// memory at once; decoders parse the batches on other threads while the reader frames the next ones, and hand the
/// events on to the dispatcher. Parsing is what costs, so on a machine of more than one core two decoders take the
/// batches in turn (batch <c>n</c> goes to decoder <c>n % 2</c>), and the dispatcher takes their output in the same turn
/// (<see cref="InOrderEventBatches"/>): the events reach it in the order the master wrote them. Every queue is bounded,
/// so a slow callback holds up the reader, never memory. What waits for the callbacks waits framed, as bytes in pooled
/// buffers: a decoder parses a batch only once the dispatcher has room for it, because parsed events held in a queue
/// survive the collections that come meanwhile, and every one of those has to copy them.
/// A record that does not decode ends the stream there: what came before it is still delivered, and nothing after it,
/// even what another decoder had already parsed. It is found when its batch is parsed, so the reader may have framed up
/// to the buffer's capacity past it by then; none of that is delivered.
/// </summary>
internal sealed class SchedulerEventPipeline : IDisposable
{
    // A batch goes on as soon as the stream has nothing more buffered, or at this many records or payload bytes.
    private const int MaxBatchRecords = 256;
    private const int BatchBytes = 64 * 1024;

    // More decoders than two would only take turns with the reader and the dispatcher on a small machine.
    private static readonly int Decoders = Environment.ProcessorCount > 1 ? 2 : 1;

    private readonly EventSubscription<Event> _subscription;
    private readonly SchedulerSession _session;
    private readonly TimeProvider _time;
    private readonly Channel<FramedBatch>[] _framed;
    private readonly Channel<EventBatch>[] _decoded;
    private readonly CancellationTokenSource _stopReading;
    private readonly CancellationTokenSource _stopDecoding;
    private readonly Lock _failureLock = new();

    // The number of the first batch in stream order found holding a record that does not decode.
    private long _firstFailure = long.MaxValue;

    /// <summary>A pipeline for <paramref name="subscription"/>'s events, <paramref name="bufferedEvents"/> of them at most waiting for the callbacks.</summary>
    public SchedulerEventPipeline(EventSubscription<Event> subscription, SchedulerSession session, int bufferedEvents, TimeProvider time)
    {
        _subscription = subscription;
        _session = session;
        _time = time;
        _stopReading = CancellationTokenSource.CreateLinkedTokenSource(session.Ending);
        _stopDecoding = CancellationTokenSource.CreateLinkedTokenSource(session.Ending);
        // The capacity less the one parsed batch each decoder may have waiting, spread over the decoders' queues.
        var framed = new BoundedChannelOptions(Math.Max(1, (bufferedEvents / MaxBatchRecords - Decoders) / Decoders)) { SingleReader = true, SingleWriter = true };
        var decoded = new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true };
        _framed = [.. Enumerable.Range(0, Decoders).Select(_ => Channel.CreateBounded<FramedBatch>(framed))];
        _decoded = [.. Enumerable.Range(0, Decoders).Select(_ => Channel.CreateBounded<EventBatch>(decoded))];
        Events = new InOrderEventBatches([.. _decoded.Select(d => d.Reader)], StopAfterDelivery);

        // SUBSCRIBED is batch 0, decoded already.
        var first = ArrayPool<Event>.Shared.Rent(1);
        first[0] = subscription.First;
        _decoded[0].Writer.TryWrite(new EventBatch(first, 1, time.GetTimestamp()));
    }

    /// <summary>The decoded events, in stream order, in batches; complete once the stream has ended.</summary>
    public InOrderEventBatches Events { get; }

    /// <summary>Runs every stage until the stream ends or the session does.</summary>
    public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, Decoders).Select(DecodeAsync).Append(FrameAsync(_stopReading.Token)));

    public void Dispose()
    {
        _stopReading.Dispose();
        _stopDecoding.Dispose();
    }

    // The reader never waits on a callback except through the bounded queues, and says when it does.
    private async Task FrameAsync(CancellationToken cancellationToken)
    {
        var batch = NewBatch();
        var sequence = 1L;
        try
        {
            while (true)
            {
                var next = _subscription.ReadRecordAsync(cancellationToken);
                if (!next.IsCompleted && batch.Count > 0)
                {
                    batch = await HandOverAsync(batch, sequence++, cancellationToken).ConfigureAwait(false);
                }

                if (!await next.ConfigureAwait(false))
                {
                    break;
                }

                batch.Add(_subscription.CurrentRecord);
                if (batch.IsFull || batch.Length >= BatchBytes)
                {
                    batch = await HandOverAsync(batch, sequence++, cancellationToken).ConfigureAwait(false);
                }
            }

            if (batch.Count > 0)
            {
                batch = await HandOverAsync(batch, sequence, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended, or a decoder met a record that does not decode, while a queue was full.
        }
        finally
        {
            batch.Dispose();
            foreach (var framed in _framed)
            {
                framed.Writer.TryComplete();
            }
        }
    }

    private async ValueTask<RecordBatch> HandOverAsync(RecordBatch batch, long sequence, CancellationToken cancellationToken)
    {
        // The watchdog judges the reader by its reads; a batch is read without a pause, so one mark serves it.
        _session.Touch();
        var framed = new FramedBatch(batch, sequence, _time.GetTimestamp());
        var queue = _framed[sequence % Decoders].Writer;
        if (!queue.TryWrite(framed))
        {
            _session.SetReaderWaiting(true);
            await queue.WriteAsync(framed, cancellationToken).ConfigureAwait(false);

            // Marked before the wait is over: the watchdog, which asks about the wait before the silence, must never
            // see the wait over and the silence from before it.
            _session.Touch();
            _session.SetReaderWaiting(false);
        }

        return NewBatch();
    }

    private async Task DecodeAsync(int decoder)
    {
        var framed = _framed[decoder].Reader;
        var decoded = _decoded[decoder].Writer;
        try
        {
            while (await framed.WaitToReadAsync().ConfigureAwait(false))
            {
                while (framed.TryRead(out var batch))
                {
                    using (batch.Records)
                    {
                        if (!await PassOnAsync(batch, decoded).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                }
            }
        }
        finally
        {
            decoded.TryComplete();

            // Stopped early: what the reader had queued for this decoder goes back to the pool.
            while (framed.TryRead(out var left))
            {
                left.Records.Dispose();
            }
        }
    }

    // Decodes the batch once the dispatcher has room for it, and hands it on. False when the session ended, or the
    // dispatcher took its last batch, while the decoder waited for room.
    private async ValueTask<bool> PassOnAsync(FramedBatch batch, ChannelWriter<EventBatch> decoded)
    {
        if (!await HasRoomAsync(decoded).ConfigureAwait(false))
        {
            return false;
        }

        // Past the first record that did not decode nothing is delivered: the batch is only let go. Asked after the wait,
        // since the other decoder may find such a record, earlier in the stream, meanwhile.
        if (batch.Sequence > Volatile.Read(ref _firstFailure))
        {
            return true;
        }

        var events = Decode(batch);
        if (!decoded.TryWrite(events))
        {
            events.Return();
            return false;
        }

        return true;
    }

    private async ValueTask<bool> HasRoomAsync(ChannelWriter<EventBatch> decoded)
    {
        try
        {
            return await decoded.WaitToWriteAsync(_stopDecoding.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // The batch's events, up to the first that does not decode, which ends the stream.
    private EventBatch Decode(FramedBatch batch)
    {
        var records = batch.Records;
        var events = ArrayPool<Event>.Shared.Rent(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (_subscription.DecodeOrDescribe(new ReadOnlySequence<byte>(records[i]), out var failure) is not { } evt)
            {
                Failed(batch.Sequence, failure!);
                return new EventBatch(events, i, batch.ReadAt, EndsStream: true);
            }

            events[i] = evt;
        }

        return new EventBatch(events, records.Count, batch.ReadAt);
    }

    // The rest of the stream is not read: the reason is the first failure's in stream order, whichever decoder found it.
    private void Failed(long sequence, string failure)
    {
        lock (_failureLock)
        {
            if (sequence < _firstFailure)
            {
                Volatile.Write(ref _firstFailure, sequence);
                _subscription.EndWithDecodeFailure(failure);
            }
        }

        _stopReading.Cancel();
    }

    // The dispatcher has taken the stream's last batch: a decoder waiting to hand over a later one stops.
    private void StopAfterDelivery()
    {
        _stopReading.Cancel();
        _stopDecoding.Cancel();
    }

    private static RecordBatch NewBatch() => new(BatchBytes, MaxBatchRecords);

    /// <summary>A batch of records as framed, numbered in stream order, with the time it was handed over.</summary>
    private readonly record struct FramedBatch(RecordBatch Records, long Sequence, long ReadAt);
}
