using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>A live subscription: the reader, the heartbeat watchdog and the dispatcher, until the stream ends.</summary>
internal sealed partial class SchedulerLoop
{
    // The most events handed from the reader to the dispatcher at once.
    private const int MaxBatch = 64;

    private async Task<SessionEnd> RunSessionAsync(EventSubscription<Event> subscription, CancellationToken stopping)
    {
        await using (subscription.ConfigureAwait(false))
        {
            var interval = SubscribedCheck.HeartbeatInterval(subscription.First.Subscribed) ?? SubscribedCheck.DefaultHeartbeat;
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var session = new SchedulerSession(interval, _time, ending.Token);
            var events = Channel.CreateBounded<EventBatch>(new BoundedChannelOptions(Math.Max(1, _options.EventBufferCapacity / MaxBatch)) { SingleReader = true, SingleWriter = true });

            _driver.Offers.Clear();
            _status.Session = session;
            _status.Set(SchedulerState.Subscribed, session: session);
            events.Writer.TryWrite(new EventBatch([subscription.First], _time.GetTimestamp()));

            var watching = WatchHeartbeatsAsync(session, ending);
            var following = WatchLeaderAsync(ending);
            var dispatching = DispatchAsync(session, events.Reader, ending, stopping);
            string? failure;
            try
            {
                await ReadEventsAsync(subscription, session, events.Writer, ending.Token).ConfigureAwait(false);
            }
            finally
            {
                // What was read before the master closed the stream is still delivered: Mesos writes ERROR last, then
                // closes. A session ended from this side (the watchdog, stopping) leaves the rest undelivered.
                failure = await dispatching.ConfigureAwait(false);
                session.Live = false;
                await ending.CancelAsync().ConfigureAwait(false);
                await watching.ConfigureAwait(false);
                await following.ConfigureAwait(false);
                _driver.Offers.Clear();
            }

            var reason = subscription.EndReason ?? "the subscription was ended";
            if (failure is null && !stopping.IsCancellationRequested && !_status.TornDown)
            {
                SchedulerLog.Disconnected(_logger, reason);
                _tracing.Disconnected(reason);
                _status.LastProblem = reason;
                _status.Set(SchedulerState.Connecting);
                await InvokeAsync("disconnected", static (s, _, ct) => s.DisconnectedAsync(ct), 0, stopping).ConfigureAwait(false);
            }

            return new SessionEnd(session.Age, reason, failure);
        }
    }

    // The reader never waits on a callback except through the bounded buffer, and says when it does.
    // Events already buffered are handed over in batches: one wake-up of the dispatcher per batch, not per event.
    private async Task ReadEventsAsync(EventSubscription<Event> subscription, SchedulerSession session, ChannelWriter<EventBatch> events, CancellationToken cancellationToken)
    {
        var batch = new List<Event>(MaxBatch);
        try
        {
            while (true)
            {
                var next = subscription.ReadAsync(cancellationToken);
                if (!next.IsCompleted && batch.Count > 0)
                {
                    await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
                }

                if (await next.ConfigureAwait(false) is not { } evt)
                {
                    break;
                }

                batch.Add(evt);
                if (batch.Count == MaxBatch)
                {
                    await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
                }
            }

            await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watchdog or the dispatcher ended the session while the buffer was full.
        }
        finally
        {
            events.TryComplete();
        }
    }

    private async Task HandOverAsync(List<Event> batch, SchedulerSession session, ChannelWriter<EventBatch> events, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // The watchdog judges the reader by its reads; a batch is read without a pause, so one mark serves it.
        session.Touch();
        var items = new EventBatch(batch.ToArray(), _time.GetTimestamp());
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
                    SchedulerLog.HeartbeatMissed(_logger, HumanDuration.Format(silence), HumanDuration.Format(session.HeartbeatInterval));
                    await ending.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // A detector that follows the leader (ZooKeeper) ends the session as soon as another master leads.
    private async Task WatchLeaderAsync(CancellationTokenSource ending)
    {
        try
        {
            await _connection.LeaderChangedAsync(ending.Token).ConfigureAwait(false);
            await ending.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Events handed from the reader to the dispatcher at once, and when: the start of their dispatch latency.</summary>
    private readonly record struct EventBatch(Event[] Events, long ReadAt);
}
