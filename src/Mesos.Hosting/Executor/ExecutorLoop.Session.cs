using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>One subscription to the agent: SUBSCRIBE with the unacknowledged, then the stream until it ends.</summary>
internal sealed partial class ExecutorLoop
{
    // One attempt of the pipeline: a subscription and its session. Returns when the executor is done; throws when it lost the agent.
    private async ValueTask SubscribeAndRunAsync(CancellationToken stopping)
    {
        Interlocked.Increment(ref _subscribeAttempts);
        var snapshot = _driver.Ledger.SubscribeSnapshot();
        var call = _driver.NewCall(Call.Types.Type.Subscribe);
        call.Subscribe = snapshot;
        ExecutorLog.Subscribing(_logger, _driver.Connection.Endpoint, Environment.ToString(), snapshot.UnacknowledgedUpdates.Count, snapshot.UnacknowledgedTasks.Count);
        var subscription = await _tracing.SubscribeAsync(() => _driver.Connection.SubscribeAsync(call, stopping), () => _driver.Connection.Endpoint, Environment.FrameworkId).ConfigureAwait(false);
        var (age, reason) = await RunSessionAsync(subscription, snapshot, stopping).ConfigureAwait(false);
        if (ShuttingDown || stopping.IsCancellationRequested)
        {
            return;
        }

        // A session that lasted counts as the agent reached again; one that broke at once does not restart the recovery clock.
        if (age >= _options.StableSubscriptionTime)
        {
            _unreachableSince = null;
        }

        ExecutorLog.Disconnected(_logger, reason);
        _tracing.Disconnected(reason);
        SetState(ExecutorState.Connecting);
        await InvokeAsync("disconnected", static (e, _, ct) => e.DisconnectedAsync(ct), 0, stopping).ConfigureAwait(false);
        throw new MesosUnavailableException($"Lost the agent {HumanDuration.Format(age)} after subscribing: {reason}");
    }

    private async Task<(TimeSpan Age, string Reason)> RunSessionAsync(EventSubscription<Event> subscription, Call.Types.Subscribe snapshot, CancellationToken stopping)
    {
        var started = _time.GetTimestamp();
        await using (subscription.ConfigureAwait(false))
        {
            var events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            events.Writer.TryWrite(subscription.First);
            var subscribed = subscription.First.Type == Event.Types.Type.Subscribed;
            if (subscribed)
            {
                // Before the driver counts as subscribed, so that an update kept meanwhile is either carried or waits. Those
                // kept while the SUBSCRIBE was on its way went with neither: the redelivery sends them.
                _driver.Ledger.SubscribedWith(snapshot);
                _driver.SetSubscribed(true);
                _everSubscribed = true;
                SetState(ExecutorState.Subscribed);
                ExecutorLog.Subscribed(_logger, Environment.ExecutorId, Environment.FrameworkId);
            }

            var heartbeats = HeartbeatAsync(ending.Token);
            var redelivering = subscribed ? RedeliverAsync(ending) : Task.CompletedTask;
            var dispatching = DispatchAsync(events.Reader, ending, stopping);
            try
            {
                await ReadEventsAsync(subscription, events.Writer, ending.Token).ConfigureAwait(false);
            }
            finally
            {
                _driver.SetSubscribed(false);
                SetState(ExecutorState.Connecting);
                await ending.CancelAsync().ConfigureAwait(false);

                // Every event read is delivered, even after the stream ended: a LAUNCH the executor never saw
                // would otherwise be reported to the agent as received on the next SUBSCRIBE. The heartbeats and
                // the sending again of undelivered updates end with the session, even one whose delivery failed.
                try
                {
                    await dispatching.ConfigureAwait(false);
                }
                finally
                {
                    await Task.WhenAll(heartbeats, redelivering).ConfigureAwait(false);
                }
            }

            return (_time.GetElapsedTime(started), subscription.EndReason ?? "the subscription was ended");
        }
    }

    // Acknowledgements and received tasks are booked here, at once, so that a callback waiting for
    // acknowledgements (stopping, shutting down) is not waiting on itself.
    private async Task ReadEventsAsync(EventSubscription<Event> subscription, ChannelWriter<Event> events, CancellationToken cancellationToken)
    {
        try
        {
            while (await subscription.ReadAsync(cancellationToken).ConfigureAwait(false) is { } evt)
            {
                if (Book(evt))
                {
                    events.TryWrite(evt);
                }
            }
        }
        finally
        {
            events.TryComplete();
        }
    }

    // Books what the driver keeps track of; false for events no callback needs, or that lack what they need.
    private bool Book(Event evt)
    {
        if (ExecutorEventCheck.Problem(evt) is { } problem)
        {
            ExecutorLog.InvalidEvent(_logger, MesosNames.Of(evt.Type), problem);
            return false;
        }

        switch (evt.Type)
        {
            case Event.Types.Type.Acknowledged:
                if (_driver.Ledger.Acknowledged(evt.Acknowledged.TaskId, evt.Acknowledged.Uuid))
                {
                    _driver.Telemetry.Acknowledged(evt.Acknowledged.TaskId, evt.Acknowledged.Uuid);
                }

                return false;
            case Event.Types.Type.Launch:
                _driver.Ledger.TaskReceived(evt.Launch.Task);
                _driver.Telemetry.TaskReceived(evt.Launch.Task);
                return true;
            case Event.Types.Type.LaunchGroup:
                foreach (var member in evt.LaunchGroup.TaskGroup.Tasks)
                {
                    _driver.Ledger.TaskReceived(member);
                    _driver.Telemetry.TaskReceived(member);
                }

                return true;
            case Event.Types.Type.Heartbeat:
                return false;
            default:
                return true;
        }
    }

    // A failure of the driver's own while sending updates again ends the session at once, as one of delivery does, rather than
    // leave updates unsent until the stream ends.
    private async Task RedeliverAsync(CancellationTokenSource ending)
    {
        try
        {
            await _driver.RedeliverAsync(ending.Token).ConfigureAwait(false);
        }
        catch
        {
            await ending.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Mesos's executor library sends HEARTBEAT every 30 minutes while subscribed.
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _driver.SendCallAsync(_driver.NewCall(Call.Types.Type.Heartbeat), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (PeerFailure.Is(ex))
                {
                    // A lost heartbeat is harmless; a lost agent shows on the stream.
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended, perhaps while a heartbeat was on its way.
        }
    }
}
