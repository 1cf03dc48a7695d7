using System.Runtime.ExceptionServices;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Dispatch;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mesos.Hosting.Executor;

/// <summary>
/// The executor driver's run loop: subscribes to the agent with what it has not acknowledged, delivers events
/// one at a time to the executor, and on losing the agent follows Mesos's rules (§2.8) through a Polly
/// pipeline: a framework that checkpoints reconnects after random waits up to MESOS_SUBSCRIPTION_BACKOFF_MAX
/// until MESOS_RECOVERY_TIMEOUT has passed since the agent was last reached for good; one that does not shuts
/// down; an agent that answers "not now" (503, still recovering) is asked again every second.
/// </summary>
internal sealed partial class ExecutorLoop
{
    // When the agent gives no recovery timeout (no checkpointing), how long a "not now" (503) is waited out.
    private static readonly TimeSpan DefaultRecoveryTimeout = TimeSpan.FromMinutes(15);

    private readonly ExecutorDriver _driver;
    private readonly MesosExecutorOptions _options;
    private readonly IHandlerInvoker<IMesosExecutor> _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _stopApplication;
    private readonly Action _hardExit;
    private ResiliencePipeline? _subscriptions;
    private readonly SubscriptionTracing _tracing = SubscriptionTracing.ForExecutor();
    private volatile ExecutorState _state = ExecutorState.Stopped;
    private bool _registered;
    private volatile bool _everSubscribed;
    private int _shuttingDown;
    private int _subscribeAttempts;
    private long? _unreachableSince;
    private ITimer? _hardExitTimer;

    public ExecutorLoop(ExecutorDriver driver, MesosExecutorOptions options, IHandlerInvoker<IMesosExecutor> executor, TimeProvider time, ILogger logger, Action stopApplication, Action hardExit)
    {
        _driver = driver;
        _options = options;
        _executor = executor;
        _time = time;
        _logger = logger;
        _stopApplication = stopApplication;
        _hardExit = hardExit;
    }

    public ExecutorState State => _state;

    /// <summary>Whether the agent has taken a subscription yet: connecting after one is reconnecting.</summary>
    public bool EverSubscribed => _everSubscribed;

    /// <summary>SUBSCRIBE calls sent so far.</summary>
    public int SubscribeAttempts => Volatile.Read(ref _subscribeAttempts);

    private bool ShuttingDown => Volatile.Read(ref _shuttingDown) == 1;

    private MesosExecutorEnvironment Environment => _driver.Environment;

    private TimeSpan Remaining => (Environment.RecoveryTimeout ?? DefaultRecoveryTimeout) - _time.GetElapsedTime(_unreachableSince ?? _time.GetTimestamp());

    public async Task RunAsync(CancellationToken stopping)
    {
        var outcome = "failed";
        try
        {
            while (!stopping.IsCancellationRequested && !ShuttingDown)
            {
                SetState(ExecutorState.Connecting);
                await SubscribeAndRunWithRetriesAsync(stopping).ConfigureAwait(false);
            }

            outcome = "stopped";
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            outcome = "stopped";
        }
        catch (MesosCallException ex)
        {
            // The agent refused this executor (unknown framework or executor, a bad token): retrying cannot help.
            ExecutorLog.Error(_logger, ex.Message);
            await InvokeAsync("error", static (e, m, ct) => e.ErrorAsync(m, ct), ex.Message, stopping).ConfigureAwait(false);
            await ShutDownAsync("the agent refused the subscription", stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MesosUnavailableException or MesosProtocolException)
        {
            await ShutDownAsync(Environment.Checkpoint
                ? $"the agent could not be reached within the recovery timeout of {HumanDuration.Format(Environment.RecoveryTimeout ?? DefaultRecoveryTimeout)} ({ex.Message})"
                : $"the connection to the agent was lost and the framework does not checkpoint ({ex.Message})", stopping).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A bug here or in what the driver stands on: never a silent dead driver.
            ExecutorLog.Crashed(_logger, ex);
            System.Environment.ExitCode = 1;
            await ShutDownAsync($"the executor driver failed unexpectedly: {ex.GetType().Name}: {ex.Message}", stopping).ConfigureAwait(false);
        }

        _tracing.End(outcome);
        if (State != ExecutorState.ShuttingDown)
        {
            SetState(ExecutorState.Stopped);
        }
    }

    public void Dispose() => _hardExitTimer?.Dispose();

    // A session's first attempt runs without the pipeline, and a failure hands it over: the pipeline takes that failure
    // as its own first attempt's, and decides on it (and on every later one) as if it had made it. Building the pipeline
    // is left until then because Polly checks its options with DataAnnotations, whose first use costs a new executor about
    // 40 ms before it can subscribe; an executor whose agent takes it at once never pays that.
    private async Task SubscribeAndRunWithRetriesAsync(CancellationToken stopping)
    {
        ExceptionDispatchInfo? failure;
        try
        {
            await SubscribeAndRunAsync(stopping).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is MesosUnavailableException or MesosProtocolException)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        _subscriptions ??= Pipeline();
        await _subscriptions.ExecuteAsync(
            attempt =>
            {
                Interlocked.Exchange(ref failure, null)?.Throw();
                return SubscribeAndRunAsync(attempt);
            },
            stopping).ConfigureAwait(false);
    }

    private ResiliencePipeline Pipeline() => new ResiliencePipelineBuilder { TimeProvider = _time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is MesosUnavailableException or MesosProtocolException && !ShuttingDown && Reconnecting(args.Outcome.Exception) is not null),
            DelayGenerator = args => ValueTask.FromResult(Reconnecting(args.Outcome.Exception!)),
            MaxRetryAttempts = int.MaxValue,
            OnRetry = args =>
            {
                ExecutorLog.Reconnecting(_logger, HumanDuration.Format(args.RetryDelay), HumanDuration.Format(Remaining), args.Outcome.Exception?.Message ?? "unknown");
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    // The wait before the next attempt, or null when there is to be none: §2.8's rules, within the recovery timeout.
    // The random wait stays within half of MESOS_SUBSCRIPTION_BACKOFF_MAX (Mesos's library draws from all of it):
    // the agent gives a restarted executor only that long to come back, so at least two attempts land within it.
    private TimeSpan? Reconnecting(Exception failure)
    {
        _unreachableSince ??= _time.GetTimestamp();
        var remaining = Remaining;
        TimeSpan? delay = failure is MesosUnavailableException { Answered: true }
            ? _options.SubscribeRetryInterval
            : Environment.Checkpoint
                ? TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (Environment.SubscriptionBackoffMax ?? TimeSpan.FromSeconds(2)).Ticks / 2))
                : null;
        return remaining <= TimeSpan.Zero || delay is null ? null : delay < remaining ? delay : remaining;
    }

    private void SetState(ExecutorState state)
    {
        if (!ShuttingDown || state == ExecutorState.ShuttingDown)
        {
            _state = state;
        }
    }

    /// <summary>Calls back the executor; returns null, or why the callback failed (it is logged, never fatal).</summary>
    private async Task<string?> InvokeAsync<TState>(string callback, Func<IMesosExecutor, TState, CancellationToken, Task> action, TState state, CancellationToken cancellationToken, string consequence = "carrying on")
    {
        try
        {
            await _executor.InvokeAsync(action, state, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return $"the {callback} callback was cancelled";
        }
        catch (Exception ex)
        {
            ExecutorLog.HandlerFailed(_logger, ex, callback, consequence);
            return ex.Message;
        }
    }
}
