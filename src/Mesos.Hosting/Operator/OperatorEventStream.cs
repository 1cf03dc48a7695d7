using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1.Master;
using Microsoft.Extensions.Logging;
using Polly;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The master's event stream as one endless sequence: a reader subscribes (through a Polly pipeline), hands the
/// checked events to a bounded buffer the consumer drains, and subscribes again, after a pause, when the stream
/// is lost or falls silent for several heartbeat intervals. Each subscription starts with SUBSCRIBED.
/// </summary>
internal sealed class OperatorEventStream(LeaderConnection leader, MesosOperatorOptions options, TimeProvider time, ILogger logger)
{
    private static readonly Call Subscribe = new() { Type = Call.Types.Type.Subscribe };

    private readonly ResiliencePipeline _subscriptions = OperatorRetries.Subscriptions(options, time, logger);
    private readonly RecordIoReaderOptions _reading = new() { MaxRecordLength = options.MaxAnswerBytes };

    public async IAsyncEnumerable<Event> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<Event>(new BoundedChannelOptions(options.EventBufferCapacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadStreamsAsync(events.Writer, stop.Token);
        try
        {
            await foreach (var evt in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    // Subscribes until stopped; a refusal (401, 403, a 4xx) ends the sequence with that exception.
    private async Task ReadStreamsAsync(ChannelWriter<Event> events, CancellationToken stop)
    {
        Exception? failure = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await _subscriptions.ExecuteAsync(static (state, ct) => state.Self.SubscribeAndReadAsync(state.Events, ct), (Self: this, Events: events), stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (MesosCallException ex)
        {
            failure = ex;
        }
        catch (Exception ex)
        {
            OperatorLog.StreamCrashed(logger, ex);
            failure = ex;
        }

        events.TryComplete(failure);
    }

    private async ValueTask SubscribeAndReadAsync(ChannelWriter<Event> events, CancellationToken stop)
    {
        var (response, master) = await leader.SendAsync(Subscribe, "SUBSCRIBE", stop).ConfigureAwait(false);
        MesosCodec codec;
        try
        {
            codec = AnswerEncoding.Of(response, LeaderConnection.Describe(master), "SUBSCRIBE");
        }
        catch
        {
            response.Dispose();
            throw;
        }

        var subscription = await EventSubscription<Event>.OpenAsync(response, codec, "master", streamId: null, options.CallTimeout, time, _reading, CheckFirst, stop).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            var interval = HeartbeatInterval(subscription.First.Subscribed);
            OperatorLog.Subscribed(logger, master, HumanDuration.Format(interval));
            var started = time.GetTimestamp();
            await events.WriteAsync(subscription.First, stop).ConfigureAwait(false);
            var reason = await ReadUntilEndAsync(subscription, events, interval, stop).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            OperatorLog.StreamEnded(logger, reason);
            var age = time.GetElapsedTime(started);
            if (age < options.StableSubscriptionTime)
            {
                throw new MesosUnavailableException($"The event stream ended {HumanDuration.Format(age)} after SUBSCRIBED: {reason}");
            }
        }
    }

    // Hands on each checked event; says why the stream ended. Silence is timed only while reading, so a slow
    // consumer (the buffer full) never passes for a dead master.
    private async Task<string> ReadUntilEndAsync(EventSubscription<Event> subscription, ChannelWriter<Event> events, TimeSpan interval, CancellationToken stop)
    {
        var limit = interval * options.HeartbeatMissesBeforeReconnect;
        using var silence = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop, silence.Token);
        while (true)
        {
            silence.CancelAfter(limit);
            if (await subscription.ReadAsync(reading.Token).ConfigureAwait(false) is not { } evt)
            {
                return silence.IsCancellationRequested && !stop.IsCancellationRequested
                    ? $"no event for {HumanDuration.Format(limit)} (heartbeat interval {HumanDuration.Format(interval)})"
                    : subscription.EndReason ?? "the stream ended";
            }

            silence.CancelAfter(Timeout.InfiniteTimeSpan);
            if (OperatorEventCheck.Problem(evt) is { } problem)
            {
                Skipped(evt, problem);
                continue;
            }

            await events.WriteAsync(evt, stop).ConfigureAwait(false);
        }
    }

    private void Skipped(Event evt, string problem)
    {
        if (Enum.IsDefined(evt.Type))
        {
            OperatorLog.EventSkipped(logger, MesosNames.Of(evt.Type), problem);
        }
        else
        {
            OperatorLog.UnknownEvent(logger, (int)evt.Type);
        }
    }

    // A 200 is an accepted subscription only once SUBSCRIBED, with the state and a usable heartbeat, has come.
    private static void CheckFirst(Event first)
    {
        if (first.Type != Event.Types.Type.Subscribed || first.Subscribed is not { } subscribed)
        {
            throw new MesosProtocolException($"The first event of the master's event stream was {MesosNames.Of(first.Type)}, not SUBSCRIBED.");
        }

        if (subscribed.GetState is null)
        {
            throw new MesosProtocolException("The master's SUBSCRIBED carried no get_state.");
        }

        if (subscribed.HasHeartbeatIntervalSeconds && !Usable(subscribed.HeartbeatIntervalSeconds))
        {
            throw new MesosProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"The master's SUBSCRIBED carried heartbeat_interval_seconds={subscribed.HeartbeatIntervalSeconds}; a usable interval lies between {SubscribedCheck.MinHeartbeat.TotalSeconds} and {SubscribedCheck.MaxHeartbeat.TotalSeconds} seconds."));
        }
    }

    private static TimeSpan HeartbeatInterval(Event.Types.Subscribed subscribed)
        => subscribed.HasHeartbeatIntervalSeconds ? TimeSpan.FromSeconds(subscribed.HeartbeatIntervalSeconds) : SubscribedCheck.DefaultHeartbeat;

    private static bool Usable(double seconds)
        => double.IsFinite(seconds) && seconds >= SubscribedCheck.MinHeartbeat.TotalSeconds && seconds <= SubscribedCheck.MaxHeartbeat.TotalSeconds;
}
