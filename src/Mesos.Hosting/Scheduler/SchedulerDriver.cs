using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Hosting;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The scheduler driver: subscribes (with backoff, through a Polly pipeline), reads the event stream
/// into a bounded buffer, delivers events one at a time to the scheduler, acknowledges updates after
/// their callback succeeds, declines what callbacks leave unused, reconciles after every
/// subscription, and resubscribes whenever the stream is lost or falls silent.
/// </summary>
internal sealed partial class SchedulerDriver : ISchedulerDriver, IDisposable
{
    // The most events handed from the reader to the dispatcher at once.
    private const int MaxBatch = 64;

    private readonly MesosSchedulerOptions _options;
    private readonly SchedulerConnection _connection;
    private readonly IHandlerInvoker<IMesosScheduler> _scheduler;
    private readonly IFrameworkIdStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SchedulerMetrics _metrics;
    private readonly CallQueue _calls = new();
    private readonly OfferLedger _offers = new();
    private readonly TaskTracker _tasks = new();
    private readonly ResiliencePipeline _subscribePipeline;
    private SchedulerSession? _session;
    private FrameworkID? _frameworkId;
    private bool _registered;
    private long _sessions;
    private int _subscribeAttempts;
    private SchedulerHealth _health;

    public SchedulerDriver(MesosSchedulerOptions options, SchedulerConnection connection, IHandlerInvoker<IMesosScheduler> scheduler, IFrameworkIdStore store, TimeProvider time, ILogger logger, SchedulerMetrics metrics)
    {
        _options = options;
        _connection = connection;
        _scheduler = scheduler;
        _store = store;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _health = new SchedulerHealth(SchedulerState.Stopped, time.GetUtcNow(), TimeSpan.Zero, null);
        _subscribePipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<MesosUnavailableException>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<MesosProtocolException>()
                    .Handle<TimeoutException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectInitialDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    SchedulerLog.SubscribeFailed(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "unknown");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Raised after the error callback when an unrecoverable error stopped the driver.</summary>
    public event Action<string>? Failed;

    public FrameworkID? FrameworkId => Volatile.Read(ref _frameworkId);

    public bool IsSubscribed => Volatile.Read(ref _session) is { Live: true };

    public SchedulerHealth Health => Volatile.Read(ref _health);

    /// <summary>SUBSCRIBE calls sent so far.</summary>
    public int SubscribeAttempts => Volatile.Read(ref _subscribeAttempts);

    public async Task RunAsync(CancellationToken stopping)
    {
        Volatile.Write(ref _frameworkId, Volatile.Read(ref _frameworkId) ?? await _store.LoadAsync(stopping).ConfigureAwait(false));
        var calls = _calls.RunAsync(SendNowAsync, stopping);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Subscription subscription;
                try
                {
                    SetHealth(SchedulerState.Connecting, null);
                    subscription = await _subscribePipeline.ExecuteAsync(SubscribeOnceAsync, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (MesosCallException ex)
                {
                    await FailAsync(ex.Message, stopping).ConfigureAwait(false);
                    break;
                }

                if (await RunSessionAsync(subscription, stopping).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            if (Health.State != SchedulerState.Failed)
            {
                SetHealth(SchedulerState.Stopped, null);
            }

            await calls.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _metrics.Dispose();
    }

    private async Task FailAsync(string message, CancellationToken stopping)
    {
        SchedulerLog.Fatal(_logger, message);
        SetHealth(SchedulerState.Failed, message);
        await InvokeAsync("error", static (s, m, ct) => s.ErrorAsync(m, ct), message, stopping).ConfigureAwait(false);
        Failed?.Invoke(message);
    }

    private void SetHealth(SchedulerState state, string? error, SchedulerSession? session = null)
        => Volatile.Write(ref _health, new SchedulerHealth(state, session?.LastEventAt ?? _time.GetUtcNow(), session?.HeartbeatInterval ?? TimeSpan.Zero, error));

    /// <summary>Calls back the scheduler; a throwing callback is logged and counted, never fatal to the driver.</summary>
    private async Task<bool> InvokeAsync<TState>(string callback, Func<IMesosScheduler, TState, CancellationToken, Task> action, TState state, CancellationToken cancellationToken, string consequence = "carrying on")
    {
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
            _metrics.HandlerFailures.Add(1, new KeyValuePair<string, object?>("callback", callback));
            SchedulerLog.HandlerFailed(_logger, ex, callback, consequence);
            return false;
        }
    }
}
