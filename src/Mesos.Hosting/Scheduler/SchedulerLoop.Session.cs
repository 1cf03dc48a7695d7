using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>A live subscription: the reading pipeline, the heartbeat watchdog and the dispatcher, until the stream ends.</summary>
internal sealed partial class SchedulerLoop
{
    private async Task<SessionEnd> RunSessionAsync(EventSubscription<Event> subscription, CancellationToken stopping)
    {
        await using (subscription.ConfigureAwait(false))
        {
            var interval = SubscribedCheck.HeartbeatInterval(subscription.First.Subscribed) ?? SubscribedCheck.DefaultHeartbeat;
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var session = new SchedulerSession(interval, _time, ending.Token);
            using var pipeline = new SchedulerEventPipeline(subscription, session, _options.EventBufferCapacity, _time);

            _driver.Offers.Clear();
            _status.Session = session;
            _status.Set(SchedulerState.Subscribed, session: session);

            var watching = WatchHeartbeatsAsync(session, ending);
            var following = WatchLeaderAsync(ending);
            var dispatching = DispatchAsync(session, pipeline.Events, ending, stopping);
            string? failure;
            try
            {
                await pipeline.RunAsync().ConfigureAwait(false);
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

            // Another instance subscribing in this one's place is how a change of leader reaches Mesos, which may say so
            // before the election does; and as the run ends it is the expected last word. Either way, the session was lost
            // rather than the driver failed.
            var failedOver = failure == FrameworkFailedOver && (_options.HighAvailability.ZooKeeper is not null || stopping.IsCancellationRequested);
            var reason = failedOver
                ? $"Mesos ended the subscription with '{FrameworkFailedOver}': another instance subscribed as the framework"
                : subscription.EndReason ?? "the subscription was ended";
            failure = failedOver ? null : failure;
            if (failure is null && !stopping.IsCancellationRequested && !_status.TornDown)
            {
                SchedulerLog.Disconnected(_logger, reason);
                _tracing.Disconnected(reason);
                _status.LastProblem = reason;
                _status.Set(SchedulerState.Connecting);
                await InvokeAsync("disconnected", static (s, _, ct) => s.DisconnectedAsync(ct), 0, stopping).ConfigureAwait(false);
            }

            return new SessionEnd(session.Age, reason, failure, failedOver);
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
                // The wait first: the reader marks its read before it ends the wait, so a wait seen over comes with a
                // silence measured from that read.
                if (session.ReaderWaiting)
                {
                    continue;
                }

                var silence = session.Silence;
                if (silence > limit)
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
}
