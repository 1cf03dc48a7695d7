using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Hosting;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Executor;

/// <summary>
/// The executor driver: subscribes to the agent with what it has not acknowledged, delivers events one
/// at a time to the executor, keeps every update until the agent acknowledges it, and on losing the
/// agent either reconnects (a checkpointing framework, until the recovery timeout) or shuts down.
/// </summary>
internal sealed partial class ExecutorDriver : IExecutorDriver, IDisposable
{
    // When the agent gives no recovery timeout (no checkpointing), how long a "not now" (503) is waited out.
    private static readonly TimeSpan DefaultRecoveryTimeout = TimeSpan.FromMinutes(15);

    private readonly MesosExecutorOptions _options;
    private readonly ExecutorConnection _connection;
    private readonly IHandlerInvoker<IMesosExecutor> _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _stopApplication;
    private readonly Action _hardExit;
    private readonly UnacknowledgedLedger _ledger = new();
    private volatile ExecutorState _state = ExecutorState.Stopped;
    private volatile bool _subscribed;
    private bool _registered;
    private int _shuttingDown;
    private int _subscribeAttempts;
    private ITimer? _hardExitTimer;

    public ExecutorDriver(MesosExecutorEnvironment environment, MesosExecutorOptions options, IHandlerInvoker<IMesosExecutor> executor, TimeProvider time, ILogger logger, Action stopApplication, Action hardExit)
    {
        Environment = environment;
        _options = options;
        _connection = new ExecutorConnection(environment, options);
        _executor = executor;
        _time = time;
        _logger = logger;
        _stopApplication = stopApplication;
        _hardExit = hardExit;
    }

    public MesosExecutorEnvironment Environment { get; }

    public ExecutorState State => _state;

    // Subscribed is about the stream alone: a shutting-down executor still sends its tasks' last updates.
    public bool IsSubscribed => _subscribed;

    public int UnacknowledgedUpdates => _ledger.UpdateCount;

    /// <summary>SUBSCRIBE calls sent so far.</summary>
    public int SubscribeAttempts => Volatile.Read(ref _subscribeAttempts);

    private bool ShuttingDown => Volatile.Read(ref _shuttingDown) == 1;

    public async Task RunAsync(CancellationToken stopping)
    {
        long? unreachableSince = null;
        while (!stopping.IsCancellationRequested && !ShuttingDown)
        {
            TimeSpan? retryAfter;
            string reason;
            try
            {
                SetState(ExecutorState.Connecting);
                var subscription = await SubscribeOnceAsync(stopping).ConfigureAwait(false);
                await using (subscription.ConfigureAwait(false))
                {
                    unreachableSince = null;
                    reason = await RunSessionAsync(subscription, stopping).ConfigureAwait(false);
                }

                if (ShuttingDown || stopping.IsCancellationRequested)
                {
                    break;
                }

                ExecutorLog.Disconnected(_logger, reason);
                SetState(ExecutorState.Connecting);
                await InvokeAsync("disconnected", static (e, _, ct) => e.DisconnectedAsync(ct), 0, stopping).ConfigureAwait(false);
                retryAfter = ReconnectDelay(agentAnswered: false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (MesosCallException ex)
            {
                // The agent refused this executor (unknown framework or executor, a bad token): retrying cannot help.
                ExecutorLog.Error(_logger, ex.Message);
                await InvokeAsync("error", static (e, m, ct) => e.ErrorAsync(m, ct), ex.Message, stopping).ConfigureAwait(false);
                await ShutDownAsync("the agent refused the subscription", stopping).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is MesosUnavailableException or HttpRequestException or IOException or MesosProtocolException or TimeoutException)
            {
                reason = ex.Message;
                ExecutorLog.Disconnected(_logger, reason);
                retryAfter = ReconnectDelay(agentAnswered: ex is MesosUnavailableException { Answered: true });
            }

            unreachableSince ??= _time.GetTimestamp();
            var remaining = (Environment.RecoveryTimeout ?? DefaultRecoveryTimeout) - _time.GetElapsedTime(unreachableSince.Value);
            if (retryAfter is not { } delay || remaining <= TimeSpan.Zero)
            {
                await ShutDownAsync(Environment.Checkpoint
                    ? $"the agent could not be reached within the recovery timeout of {Environment.RecoveryTimeout}"
                    : $"the connection to the agent was lost and the framework does not checkpoint ({reason})", stopping).ConfigureAwait(false);
                break;
            }

            ExecutorLog.Reconnecting(_logger, delay, remaining);
            try
            {
                await Task.Delay(delay < remaining ? delay : remaining, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (State != ExecutorState.ShuttingDown)
        {
            SetState(ExecutorState.Stopped);
        }
    }

    public void Dispose()
    {
        _hardExitTimer?.Dispose();
        _connection.Dispose();
    }

    // §2.8: a framework that checkpoints waits a random time up to MESOS_SUBSCRIPTION_BACKOFF_MAX between
    // attempts; one that does not shuts down on the first loss. An agent that answers "not now" (503,
    // still recovering) is asked again every second, as Mesos's executor library does.
    private TimeSpan? ReconnectDelay(bool agentAnswered)
    {
        if (agentAnswered)
        {
            return _options.SubscribeRetryInterval;
        }

        if (!Environment.Checkpoint)
        {
            return null;
        }

        var max = Environment.SubscriptionBackoffMax ?? TimeSpan.FromSeconds(2);
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * max.Ticks));
    }

    private void SetState(ExecutorState state)
    {
        if (!ShuttingDown || state == ExecutorState.ShuttingDown)
        {
            _state = state;
        }
    }

    private Call NewCall(Call.Types.Type type) => new()
    {
        Type = type,
        ExecutorId = MesosId.Of<ExecutorID>(Environment.ExecutorId),
        FrameworkId = MesosId.Of<FrameworkID>(Environment.FrameworkId),
    };

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
