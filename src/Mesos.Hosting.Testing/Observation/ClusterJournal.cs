using System.Text;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Observation;

/// <summary>
/// What happened in a <see cref="LocalMesosCluster"/>: calls received, events sent,
/// acknowledgements applied and each task's state history, with awaitable conditions on them in the
/// manner of MassTransit's test harness.
/// </summary>
public sealed class ClusterJournal
{
    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly List<ObservedSchedulerCall> _schedulerCalls = [];
    private readonly List<ObservedSchedulerEvent> _schedulerEvents = [];
    private readonly List<ObservedExecutorCall> _executorCalls = [];
    private readonly List<ObservedExecutorEvent> _executorEvents = [];
    private readonly List<ObservedAcknowledgement> _acknowledgements = [];
    private readonly List<ObservedSubscription> _subscriptions = [];
    private readonly List<ObservedExecutorLaunch> _executorLaunches = [];
    private readonly List<ObservedHeldCall> _heldCalls = [];
    private readonly Dictionary<string, List<TaskState>> _taskStates = [];
    private TaskCompletionSource _changed = NewSignal();

    internal ClusterJournal(TimeProvider time) => _time = time;

    /// <summary>Every scheduler call the masters received, in order.</summary>
    public IReadOnlyList<ObservedSchedulerCall> SchedulerCalls => Snapshot(_schedulerCalls);

    /// <summary>Every event the masters queued for frameworks, in order.</summary>
    public IReadOnlyList<ObservedSchedulerEvent> SchedulerEvents => Snapshot(_schedulerEvents);

    /// <summary>Every executor call the agents received, in order.</summary>
    public IReadOnlyList<ObservedExecutorCall> ExecutorCalls => Snapshot(_executorCalls);

    /// <summary>Every event the agents queued for executors, in order.</summary>
    public IReadOnlyList<ObservedExecutorEvent> ExecutorEvents => Snapshot(_executorEvents);

    /// <summary>Every acknowledgement the agents applied, in order.</summary>
    public IReadOnlyList<ObservedAcknowledgement> Acknowledgements => Snapshot(_acknowledgements);

    /// <summary>Every framework subscription stream the masters opened and saw end, in order.</summary>
    public IReadOnlyList<ObservedSubscription> Subscriptions => Snapshot(_subscriptions);

    /// <summary>Every executor process the agents started, in order.</summary>
    public IReadOnlyList<ObservedExecutorLaunch> ExecutorLaunches => Snapshot(_executorLaunches);

    /// <summary>Every scheduler call a fault held back, in order, from the moment its hold began.</summary>
    public IReadOnlyList<ObservedHeldCall> HeldSchedulerCalls => Snapshot(_heldCalls);

    /// <summary>The IDs of every task the cluster has seen a state for.</summary>
    public IReadOnlyList<string> TaskIds
    {
        get
        {
            lock (_sync)
            {
                return [.. _taskStates.Keys];
            }
        }
    }

    /// <summary>The states <paramref name="taskId"/> went through, in order, without repeats.</summary>
    public IReadOnlyList<TaskState> TaskStates(string taskId)
    {
        lock (_sync)
        {
            return _taskStates.TryGetValue(taskId, out var states) ? [.. states] : [];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails with what was seen once <paramref name="timeout"/> passes.</summary>
    public async Task WaitForAsync(Func<ClusterJournal, bool> condition, TimeSpan timeout, string description = "the condition")
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout, _time);
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout} for {description}; it did not happen. {Summary()}");
            }
        }
    }

    /// <summary>Waits until <paramref name="taskId"/> has reached <paramref name="state"/>.</summary>
    public Task WaitForTaskStateAsync(string taskId, TaskState state, TimeSpan timeout)
        => WaitForAsync(j => j.TaskStates(taskId).Contains(state), timeout, $"task '{taskId}' to reach {state}");

    /// <summary>A short account of what was seen, for failure messages.</summary>
    public string Summary()
    {
        lock (_sync)
        {
            var text = new StringBuilder();
            text.Append("Seen: ").Append(_schedulerCalls.Count).Append(" scheduler calls (")
                .AppendJoin(", ", _schedulerCalls.GroupBy(c => c.Call.Type).Select(g => $"{g.Key}: {g.Count()}"))
                .Append("), ").Append(_schedulerEvents.Count).Append(" scheduler events (")
                .AppendJoin(", ", _schedulerEvents.GroupBy(e => e.Event.Type).Select(g => $"{g.Key}: {g.Count()}"))
                .Append("), ").Append(_acknowledgements.Count).Append(" acknowledgements, ")
                .Append(_taskStates.Count).Append(" tasks (")
                .AppendJoin(", ", _taskStates.GroupBy(t => t.Value[^1]).Select(g => $"{g.Key}: {g.Count()}"))
                .Append(").");
            return text.ToString();
        }
    }

    internal void Record(ObservedSchedulerCall call) => Add(_schedulerCalls, call);

    internal void Record(ObservedSchedulerEvent evt) => Add(_schedulerEvents, evt);

    internal void Record(ObservedExecutorCall call) => Add(_executorCalls, call);

    internal void Record(ObservedExecutorEvent evt) => Add(_executorEvents, evt);

    internal void Record(ObservedAcknowledgement ack) => Add(_acknowledgements, ack);

    internal void Record(ObservedSubscription stream) => Add(_subscriptions, stream);

    internal void Record(ObservedExecutorLaunch launch) => Add(_executorLaunches, launch);

    internal void Record(ObservedHeldCall held) => Add(_heldCalls, held);

    internal void RecordTaskState(string taskId, TaskState state)
    {
        lock (_sync)
        {
            if (!_taskStates.TryGetValue(taskId, out var states))
            {
                states = [];
                _taskStates[taskId] = states;
            }

            if (states.Count == 0 || states[^1] != state)
            {
                states.Add(state);
            }

            Signal();
        }
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_sync)
        {
            return [.. list];
        }
    }

    private void Add<T>(List<T> list, T item)
    {
        lock (_sync)
        {
            list.Add(item);
            Signal();
        }
    }

    // Wakes every waiter so it re-checks its condition.
    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }
}
