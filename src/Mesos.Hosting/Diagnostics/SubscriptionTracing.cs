using System.Diagnostics;

namespace Mesos.Hosting.Diagnostics;

/// <summary>
/// A driver's subscriptions (the scheduler's to the master, the executor's to its agent) as spans: each SUBSCRIBE a
/// span with its attempt number and outcome; a lost subscription opens a reconnect span, parent of the SUBSCRIBE
/// attempts that follow, which ends when one succeeds or the driver stops. Each attempt's duration and outcome also
/// go to <paramref name="recordDuration"/> when given. Used by a run loop alone, one subscription at a time.
/// </summary>
internal sealed class SubscriptionTracing(string subscribeSpan, string reconnectSpan, Action<string, TimeSpan>? recordDuration = null)
{
    /// <summary>The scheduler's: its spans, and the subscribe-duration histogram.</summary>
    public static SubscriptionTracing ForScheduler(SchedulerMetrics metrics)
        => new(MesosTracing.SchedulerSubscribe, MesosTracing.SchedulerReconnect, metrics.Subscribed);

    /// <summary>The executor's: its spans only.</summary>
    public static SubscriptionTracing ForExecutor() => new(MesosTracing.ExecutorSubscribe, MesosTracing.ExecutorReconnect);

    private Activity? _reconnecting;
    private int _attempt;

    /// <summary>The subscription was lost and the driver goes on: a reconnection begins, unless one is under way.</summary>
    public void Disconnected(string reason)
    {
        if (_reconnecting is not null)
        {
            return;
        }

        _attempt = 0;
        _reconnecting = MesosTracing.StartDetached(reconnectSpan, ActivityKind.Internal);
        _reconnecting?.SetTag(MesosTracing.Reason, reason);
    }

    /// <summary>Runs one SUBSCRIBE in its span; a success ends the reconnection.</summary>
    public async Task<T> SubscribeAsync<T>(Func<Task<T>> subscribe, Func<Uri?> peer, string? frameworkId)
    {
        _attempt++;
        using var activity = MesosTracing.Source.StartActivity(subscribeSpan, ActivityKind.Client, _reconnecting?.Context ?? default);
        activity?.SetTag(MesosTracing.Attempt, _attempt);
        activity?.SetTag(MesosTracing.FrameworkId, frameworkId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var subscription = await subscribe().ConfigureAwait(false);
            recordDuration?.Invoke("subscribed", Stopwatch.GetElapsedTime(started));
            activity?.SetTag(MesosTracing.Outcome, "subscribed");
            MesosTracing.Server(activity, peer());
            End("subscribed");
            return subscription;
        }
        catch (Exception ex)
        {
            var outcome = Outcome(ex);
            recordDuration?.Invoke(outcome, Stopwatch.GetElapsedTime(started));
            activity?.SetTag(MesosTracing.Outcome, outcome);
            MesosTracing.Failed(activity, ex);
            throw;
        }
    }

    /// <summary>Ends a reconnection under way with <paramref name="outcome"/> (subscribed, stopped, failed).</summary>
    public void End(string outcome)
    {
        if (_reconnecting is { } reconnecting)
        {
            reconnecting.SetTag(MesosTracing.Attempt, _attempt);
            reconnecting.SetTag(MesosTracing.Outcome, outcome);
            if (outcome != "subscribed")
            {
                reconnecting.SetStatus(ActivityStatusCode.Error, outcome);
            }

            reconnecting.Stop();
            _reconnecting = null;
        }

        _attempt = 0;
    }

    private static string Outcome(Exception exception) => exception switch
    {
        MesosCallException => "refused",
        MesosUnavailableException => "unavailable",
        MesosProtocolException => "protocol_error",
        OperationCanceledException => "cancelled",
        _ => "failed",
    };
}
