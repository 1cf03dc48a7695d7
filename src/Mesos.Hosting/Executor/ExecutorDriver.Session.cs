using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>One subscription to the agent: SUBSCRIBE with the unacknowledged, then the stream until it ends.</summary>
internal sealed partial class ExecutorDriver
{
    private async Task<Subscription> SubscribeOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _subscribeAttempts);
        var snapshot = _ledger.SubscribeSnapshot();
        var call = NewCall(Call.Types.Type.Subscribe);
        call.Subscribe = snapshot;
        ExecutorLog.Subscribing(_logger, _connection.Endpoint, Environment.ToString(), snapshot.UnacknowledgedUpdates.Count, snapshot.UnacknowledgedTasks.Count);
        var response = await _connection.SubscribeAsync(call, cancellationToken).ConfigureAwait(false);
        var (reader, first) = await SubscriptionStream.OpenAsync<Event>(response, _connection.Codec, "agent", _options.CallTimeout, options: null, CheckFirst, cancellationToken).ConfigureAwait(false);
        return new Subscription(response, reader, first, snapshot);
    }

    // An agent that is shutting the executor down answers 200 and then SHUTDOWN instead of SUBSCRIBED.
    private static void CheckFirst(Event first)
    {
        if (first.Type is not (Event.Types.Type.Subscribed or Event.Types.Type.Shutdown))
        {
            throw new MesosProtocolException($"The first event of an executor subscription was {first.Type}, not SUBSCRIBED.");
        }
    }

    private async Task<string> RunSessionAsync(Subscription subscription, CancellationToken stopping)
    {
        var events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        events.Writer.TryWrite(subscription.First);
        if (subscription.First.Type == Event.Types.Type.Subscribed)
        {
            _subscribed = true;
            SetState(ExecutorState.Subscribed);
            ExecutorLog.Subscribed(_logger, Environment.ExecutorId, Environment.FrameworkId);

            // Updates sent while the SUBSCRIBE was on its way went with neither; the agent drops duplicates by uuid.
            foreach (var update in _ledger.NotIn(subscription.Snapshot))
            {
                await SendUpdateAsync(update, stopping).ConfigureAwait(false);
            }
        }

        var heartbeats = HeartbeatAsync(ending.Token);
        var dispatching = DispatchAsync(events.Reader, stopping);
        var reason = await ReadEventsAsync(subscription.Reader, events.Writer, ending.Token).ConfigureAwait(false);
        _subscribed = false;
        SetState(ExecutorState.Connecting);
        await ending.CancelAsync().ConfigureAwait(false);

        // Every event read is delivered, even after the stream ended: a LAUNCH the executor never saw
        // would otherwise be reported to the agent as received on the next SUBSCRIBE.
        await dispatching.ConfigureAwait(false);
        await heartbeats.ConfigureAwait(false);
        return reason;
    }

    // Acknowledgements and received tasks are booked here, at once, so that a callback waiting for
    // acknowledgements (stopping, shutting down) is not waiting on itself.
    private Task<string> ReadEventsAsync(RecordIoReader reader, ChannelWriter<Event> events, CancellationToken cancellationToken)
        => SubscriptionStream.ReadUntilEndedAsync(
            async () =>
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var evt = _connection.Codec.Decode<Event>(reader.Current);
                    if (Book(evt))
                    {
                        events.TryWrite(evt);
                    }
                }
            },
            "agent",
            () => events.TryComplete());

    // Books what the driver keeps track of; false for events no callback needs.
    private bool Book(Event evt)
    {
        switch (evt.Type)
        {
            case Event.Types.Type.Acknowledged when evt.Acknowledged is { } ack:
                _ledger.Acknowledged(ack.TaskId, ack.Uuid);
                return false;
            case Event.Types.Type.Launch when evt.Launch?.Task is { } task:
                _ledger.TaskReceived(task);
                return true;
            case Event.Types.Type.LaunchGroup when evt.LaunchGroup?.TaskGroup is { } group:
                foreach (var member in group.Tasks)
                {
                    _ledger.TaskReceived(member);
                }

                return true;
            case Event.Types.Type.Heartbeat:
                return false;
            default:
                return true;
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
                    await _connection.SendAsync(NewCall(Call.Types.Type.Heartbeat), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or MesosCallException or MesosUnavailableException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // A lost heartbeat is harmless; a lost agent shows on the stream.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>An accepted SUBSCRIBE: the response, its RecordIO reader, the first event and what the call carried.</summary>
    private sealed record Subscription(HttpResponseMessage Response, RecordIoReader Reader, Event First, Call.Types.Subscribe Snapshot) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync().ConfigureAwait(false);
            Response.Dispose();
        }
    }
}
