using System.Collections.Concurrent;
using Google.Protobuf;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Executor;

/// <summary>
/// The calls an executor makes, as <see cref="IExecutorDriver"/>: status updates, each kept until the agent
/// acknowledges it and sent again with every SUBSCRIBE until then, framework messages, and stopping.
/// </summary>
internal sealed partial class ExecutorDriver : IExecutorDriver, IDisposable
{
    private readonly ExecutorConnection _connection;
    private readonly MesosExecutorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _stopApplication;
    private readonly ConcurrentDictionary<string, TaskState> _taskStates = new(StringComparer.Ordinal);
    private volatile bool _subscribed;

    public ExecutorDriver(MesosExecutorEnvironment environment, MesosExecutorOptions options, ExecutorConnection connection, TimeProvider time, ILogger logger, Action stopApplication)
    {
        Environment = environment;
        _options = options;
        _connection = connection;
        _time = time;
        _logger = logger;
        _stopApplication = stopApplication;
        Telemetry = new ExecutorTelemetry(environment.ExecutorId, environment.FrameworkId, () => _taskStates.Values, () => Ledger.UpdateCount);
    }

    public MesosExecutorEnvironment Environment { get; }

    // Subscribed is about the stream alone: a shutting-down executor still sends its tasks' last updates.
    public bool IsSubscribed => _subscribed;

    public int UnacknowledgedUpdates => Ledger.UpdateCount;

    /// <summary>The updates not yet acknowledged and the tasks received with none acknowledged.</summary>
    internal UnacknowledgedLedger Ledger { get; } = new();

    internal ExecutorConnection Connection => _connection;

    internal ExecutorTelemetry Telemetry { get; }

    public async Task SendFrameworkMessageAsync(ByteString data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsSubscribed)
        {
            throw new MesosNotSubscribedException("MESSAGE");
        }

        var call = NewCall(Call.Types.Type.Message);
        call.Message = new Call.Types.Message { Data = data };
        await SendCallAsync(call, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await WaitForAcknowledgementsAsync(_options.AcknowledgementTimeout, cancellationToken).ConfigureAwait(false);
        _stopApplication();
    }

    // The connection is the driver's own: disposing it ends whatever SUBSCRIBE or call is still under way.
    public void Dispose()
    {
        Telemetry.Dispose();
        _connection.Dispose();
    }

    internal void SetSubscribed(bool subscribed) => _subscribed = subscribed;

    /// <summary>The tasks this executor reported on, counted by the last state it sent for each, for the log at stop.</summary>
    internal string TaskSummary()
    {
        var states = _taskStates.Values.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} {MesosNames.Of(g.Key)}").ToList();
        return states.Count == 0 ? "no task reported on" : $"tasks by last state: {string.Join(", ", states)}";
    }

    /// <summary>Sends a call other than SUBSCRIBE on the connection for calls.</summary>
    internal Task SendCallAsync(Call call, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ExecutorLog.CallSending(_logger, MesosNames.Of(call.Type));
        }

        return _connection.SendAsync(call, cancellationToken);
    }

    internal Call NewCall(Call.Types.Type type) => new()
    {
        Type = type,
        ExecutorId = MesosId.Of<ExecutorID>(Environment.ExecutorId),
        FrameworkId = MesosId.Of<FrameworkID>(Environment.FrameworkId),
    };

    internal async Task WaitForAcknowledgementsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Ledger.AllAcknowledged().WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ExecutorLog.UnacknowledgedAtStop(_logger, Ledger.UpdateCount, HumanDuration.Format(timeout));
        }
    }
}
