using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Dispatch;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The scheduler driver's run loop: subscribes (with backoff, through a Polly pipeline), reads the event
/// stream into a bounded buffer, delivers events one at a time to the scheduler, and subscribes again when
/// the stream is lost or falls silent. A subscription that ends soon after it began counts as a failed
/// attempt, so that a master which accepts and then breaks every stream is not hammered.
/// </summary>
internal sealed partial class SchedulerLoop
{
    // Mesos's refusal of a framework it removed (src/master/master.cpp).
    private const string FrameworkRemoved = "Framework has been removed";

    // Mesos's ERROR on a framework's old stream when a new SUBSCRIBE takes its place (src/master/master.cpp).
    private const string FrameworkFailedOver = "Framework failed over";

    // The longest Retry-After honoured: a master may ask for a pause, not for the framework to stop.
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    private readonly MesosSchedulerOptions _options;
    private readonly SchedulerConnection _connection;
    private readonly SchedulerDriver _driver;
    private readonly SchedulerStatus _status;
    private readonly IHandlerInvoker<IMesosScheduler> _scheduler;
    private readonly IFrameworkIdStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SchedulerMetrics _metrics;
    private readonly Reconciliation _reconciliation;
    private readonly ResiliencePipeline _subscriptions;
    private readonly ResiliencePipeline _storeReads;
    private readonly SubscriptionTracing _tracing;
    private bool _registered;

    public SchedulerLoop(MesosSchedulerOptions options, SchedulerConnection connection, SchedulerDriver driver, SchedulerStatus status, IHandlerInvoker<IMesosScheduler> scheduler, IFrameworkIdStore store, TimeProvider time, ILogger logger, SchedulerMetrics metrics)
    {
        _options = options;
        _connection = connection;
        _driver = driver;
        _status = status;
        _scheduler = scheduler;
        _store = store;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _reconciliation = new Reconciliation(driver, options, time, logger);
        _tracing = SubscriptionTracing.ForScheduler(metrics);
        _subscriptions = Backoff(options, time, args =>
        {
            _status.SubscriptionFailed(args.Outcome.Exception?.Message ?? "unknown");
            _status.Set(SchedulerState.Connecting);
            SchedulerLog.SubscribeFailed(_logger, args.AttemptNumber + 1, HumanDuration.Format(args.RetryDelay), args.Outcome.Exception?.Message ?? "unknown");
            return ValueTask.CompletedTask;
        });
        _storeReads = Backoff(options, time, args =>
        {
            _status.LastProblem = args.Outcome.Exception?.Message;
            SchedulerLog.FrameworkIdReadFailed(_logger, args.AttemptNumber + 1, HumanDuration.Format(args.RetryDelay), args.Outcome.Exception?.Message ?? "unknown");
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Raised after the error callback when an unrecoverable error stopped the driver.</summary>
    public event Action<string>? Failed;

    /// <summary>Runs until <paramref name="stopping"/>, or until an unrecoverable error, which is logged, reported and raised.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var calls = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var sending = _driver.RunCallsAsync(calls.Token);
        string? failure = null;
        try
        {
            _status.Set(SchedulerState.Connecting);
            await _storeReads.ExecuteAsync(LoadFrameworkIdAsync, stopping).ConfigureAwait(false);
            while (failure is null && !stopping.IsCancellationRequested && !_status.TornDown)
            {
                _status.Set(SchedulerState.Connecting);
                failure = await _subscriptions.ExecuteAsync(SubscribeAndRunAsync, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (MesosCallException ex)
        {
            failure = ex.Message;
        }
        catch (Exception ex)
        {
            // A bug here or in what the driver stands on: never a silent dead driver.
            SchedulerLog.Crashed(_logger, ex);
            failure = $"The scheduler driver stopped on an unexpected {ex.GetType().Name}: {ex.Message}";
        }

        _tracing.End(failure is null ? "stopped" : "failed");
        if (failure is not null)
        {
            await FailAsync(failure, stopping).ConfigureAwait(false);
        }
        else
        {
            _status.Set(SchedulerState.Stopped);
        }

        await calls.CancelAsync().ConfigureAwait(false);
        await sending.ConfigureAwait(false);
    }

    // One subscription and its session. Null when it ended and another is due; the failure when it must not be.
    private async ValueTask<string?> SubscribeAndRunAsync(CancellationToken stopping)
    {
        _status.SubscribeAttempted();
        _metrics.SubscribeAttempts.Add(1);
        var call = SubscribeCall.Build(_options, _status.FrameworkId);
        SchedulerLog.Subscribing(_logger, _options.ToString(), call.FrameworkId?.Value ?? "(new)");
        EventSubscription<Event> subscription;
        try
        {
            subscription = await _tracing.SubscribeAsync(() => _connection.SubscribeAsync(call, stopping), () => _connection.Leader, call.FrameworkId?.Value).ConfigureAwait(false);
        }
        catch (MesosCallException ex) when (ex.Message.Contains(FrameworkRemoved, StringComparison.Ordinal) && _options.ResubscribeWhenFrameworkRemoved && call.FrameworkId is { } removed)
        {
            await ForgetRemovedAsync(removed, stopping).ConfigureAwait(false);
            throw new MesosUnavailableException($"Mesos removed framework {removed.Value}; the next attempt subscribes as a new framework", ex);
        }

        var end = await RunSessionAsync(subscription, stopping).ConfigureAwait(false);
        if (end.FailedOver && stopping.IsCancellationRequested)
        {
            SchedulerLog.EndedWithRun(_logger, end.Reason);
            return null;
        }

        if (end.Failure is not null || stopping.IsCancellationRequested)
        {
            return end.Failure;
        }

        // Failed over while it still leads, by the election's word: this instance subscribes again after a backoff, however
        // long the session was, so that the instance that took its place is not failed over at once if it leads now.
        if (end.FailedOver)
        {
            throw new MesosUnavailableException(end.Reason);
        }

        if (_status.TornDown)
        {
            SchedulerLog.TornDown(_logger);
            return null;
        }

        // A session that ended because another master leads did not fail: the new leader is subscribed to at once.
        if (_connection.LeaderMoved)
        {
            SchedulerLog.LeaderChanged(_logger, _connection.Leader);
            return null;
        }

        return end.Age >= _options.StableSubscriptionTime
            ? null
            : throw new MesosUnavailableException($"The subscription ended {HumanDuration.Format(end.Age)} after SUBSCRIBED: {end.Reason}");
    }

    private async Task FailAsync(string message, CancellationToken stopping)
    {
        SchedulerLog.Fatal(_logger, message);
        _status.Set(SchedulerState.Failed, message);
        await InvokeAsync("error", static (s, m, ct) => s.ErrorAsync(m, ct), message, stopping).ConfigureAwait(false);
        Failed?.Invoke(message);
    }

    /// <summary>Calls back the scheduler; a throwing callback is logged and counted, never fatal to the driver.</summary>
    private async Task<bool> InvokeAsync<TState>(string callback, Func<IMesosScheduler, TState, CancellationToken, Task> action, TState state, CancellationToken cancellationToken, string consequence = "carrying on")
    {
        var started = _metrics.TimesHandlers ? _time.GetTimestamp() : (long?)null;
        try
        {
            await _scheduler.InvokeAsync(action, state, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            _metrics.HandlerFailures.Add(1, new KeyValuePair<string, object?>(MesosTracing.Callback, callback));
            SchedulerLog.HandlerFailed(_logger, ex, callback, consequence);
            return false;
        }
        finally
        {
            if (started is { } start)
            {
                _metrics.HandlerRan(callback, _time.GetElapsedTime(start));
            }
        }
    }

    // Retries with backoff, jittered and growing across the whole cycle, until the run ends.
    private static ResiliencePipeline Backoff(MesosSchedulerOptions options, TimeProvider time, Func<OnRetryArguments<object>, ValueTask> onRetry)
        => new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<MesosUnavailableException>().Handle<MesosProtocolException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectInitialDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = static args => ValueTask.FromResult(
                    args.Outcome.Exception is MesosUnavailableException { RetryAfter: { } after } ? (TimeSpan?)(after < MaxRetryAfter ? after : MaxRetryAfter) : null),
                OnRetry = onRetry,
            })
            .Build();

    /// <summary>How a session ended: its age, why, the unrecoverable error when there was one, and whether another instance took its place.</summary>
    private readonly record struct SessionEnd(TimeSpan Age, string Reason, string? Failure, bool FailedOver);
}
