using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>A live subscription: the reader, the heartbeat watchdog and the dispatcher, until the stream ends.</summary>
internal sealed partial class SchedulerDriver
{
    /// <summary>Runs one subscription until its stream ends; true when an unrecoverable error ended it.</summary>
    private async Task<bool> RunSessionAsync(Subscription subscription, CancellationToken stopping)
    {
        var interval = subscription.First.Subscribed.HasHeartbeatIntervalSeconds
            ? TimeSpan.FromSeconds(subscription.First.Subscribed.HeartbeatIntervalSeconds)
            : TimeSpan.FromSeconds(15);
        var session = new SchedulerSession(Interlocked.Increment(ref _sessions), subscription.StreamId, interval, _time);
        var events = Channel.CreateBounded<Event[]>(new BoundedChannelOptions(Math.Max(1, _options.EventBufferCapacity / MaxBatch)) { SingleReader = true, SingleWriter = true });
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var fatal = new StrongBox<bool>(false);

        _offers.Clear();
        Volatile.Write(ref _session, session);
        SetHealth(SchedulerState.Subscribed, null, session);
        events.Writer.TryWrite([subscription.First]);

        var reading = ReadEventsAsync(subscription, session, events.Writer, ending.Token);
        var watching = WatchHeartbeatsAsync(session, ending);
        var dispatching = DispatchAsync(session, events.Reader, fatal, ending, stopping);

        var reason = await reading.ConfigureAwait(false);
        session.Live = false;
        await ending.CancelAsync().ConfigureAwait(false);
        await dispatching.ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        await subscription.DisposeAsync().ConfigureAwait(false);
        _offers.Clear();

        if (fatal.Value || stopping.IsCancellationRequested)
        {
            return fatal.Value;
        }

        SchedulerLog.Disconnected(_logger, reason);
        SetHealth(SchedulerState.Connecting, null);
        await InvokeAsync("disconnected", static (s, _, ct) => s.DisconnectedAsync(ct), 0, stopping).ConfigureAwait(false);
        return false;
    }

    // The reader never waits on a callback except through the bounded buffer, and says when it does.
    // Events already buffered are handed over in batches: one wake-up of the dispatcher per batch, not per event.
    private Task<string> ReadEventsAsync(Subscription subscription, SchedulerSession session, ChannelWriter<Event[]> events, CancellationToken cancellationToken)
    {
        var batch = new List<Event>(MaxBatch);
        return SubscriptionStream.ReadUntilEndedAsync(
            async () =>
            {
                while (true)
                {
                    var next = subscription.Reader.ReadAsync(cancellationToken);
                    if (!next.IsCompleted && batch.Count > 0)
                    {
                        await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
                    }

                    if (!await next.ConfigureAwait(false))
                    {
                        break;
                    }

                    batch.Add(_connection.Codec.Decode<Event>(subscription.Reader.Current));
                    if (batch.Count == MaxBatch)
                    {
                        await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
                    }
                }

                await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
            },
            "master",
            () => events.TryComplete());
    }

    private static async Task HandOverAsync(List<Event> batch, SchedulerSession session, ChannelWriter<Event[]> events, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // The watchdog judges the reader by its reads; a batch is read without a pause, so one mark serves it.
        session.Touch();
        var items = batch.ToArray();
        batch.Clear();
        if (!events.TryWrite(items))
        {
            session.SetReaderWaiting(true);
            await events.WriteAsync(items, cancellationToken).ConfigureAwait(false);
            session.SetReaderWaiting(false);
            session.Touch();
        }
    }

    private async Task WatchHeartbeatsAsync(SchedulerSession session, CancellationTokenSource ending)
    {
        var limit = session.HeartbeatInterval * _options.HeartbeatMissesBeforeReconnect;
        using var timer = new PeriodicTimer(session.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ending.Token).ConfigureAwait(false))
            {
                var silence = session.Silence;
                if (!session.ReaderWaiting && silence > limit)
                {
                    SchedulerLog.HeartbeatMissed(_logger, silence, session.HeartbeatInterval);
                    await ending.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
