using System.Text;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Observation;

/// <summary>
/// What happened in a <see cref="LocalMesosCluster"/>: calls received, events sent,
/// acknowledgements applied and each task's state history, with awaitable conditions on them in the
/// manner of MassTransit's test harness. It keeps everything unless <see cref="LocalMesosClusterOptions.JournalCapacity"/>
/// bounds it, in which case each kind of entry, and the task histories, keep only their newest.
/// </summary>
public sealed class ClusterJournal
{
    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly JournalEntries<ObservedSchedulerCall> _schedulerCalls;
    private readonly JournalEntries<ObservedSchedulerEvent> _schedulerEvents;
    private readonly JournalEntries<ObservedExecutorCall> _executorCalls;
    private readonly JournalEntries<ObservedExecutorEvent> _executorEvents;
    private readonly JournalEntries<ObservedAcknowledgement> _acknowledgements;
    private readonly JournalEntries<ObservedSubscription> _subscriptions;
    private readonly JournalEntries<ObservedExecutorLaunch> _executorLaunches;
    private readonly JournalEntries<ObservedHeldCall> _heldCalls;
    private readonly TaskHistories _tasks;
    private TaskCompletionSource _changed = NewSignal();

    internal ClusterJournal(TimeProvider time, int? capacity = null)
    {
        _time = time;
        _capacity = capacity ?? int.MaxValue;
        _schedulerCalls = new(_capacity);
        _schedulerEvents = new(_capacity, e => e.Event.Offers?.Offers_.Count ?? 1);
        _executorCalls = new(_capacity);
        _executorEvents = new(_capacity);
        _acknowledgements = new(_capacity);
        _subscriptions = new(_capacity);
        _executorLaunches = new(_capacity);
        _heldCalls = new(_capacity);
        _tasks = new(_capacity);
    }

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
                return [.. _tasks.Ids];
            }
        }
    }

    /// <summary>The states <paramref name="taskId"/> went through, in order, without repeats.</summary>
    public IReadOnlyList<TaskState> TaskStates(string taskId)
    {
        lock (_sync)
        {
            return _tasks.Of(taskId);
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
                .AppendJoin(", ", _schedulerCalls.Items.GroupBy(c => c.Call.Type).Select(g => $"{g.Key}: {g.Count()}"))
                .Append("), ").Append(_schedulerEvents.Count).Append(" scheduler events (")
                .AppendJoin(", ", _schedulerEvents.Items.GroupBy(e => e.Event.Type).Select(g => $"{g.Key}: {g.Count()}"))
                .Append("), ").Append(_acknowledgements.Count).Append(" acknowledgements, ")
                .Append(_tasks.Count).Append(" tasks (")
                .AppendJoin(", ", _tasks.LastStates.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}"))
                .Append(").");
            var dropped = Dropped();
            if (dropped > 0)
            {
                text.Append(" The journal keeps the newest ").Append(_capacity).Append(" of each kind (an OFFERS event counting once per offer) and has let ")
                    .Append(dropped).Append(" older entries go: the counts are of what it kept.");
            }

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
            _tasks.Record(taskId, state);
            Signal();
        }
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private T[] Snapshot<T>(JournalEntries<T> entries)
    {
        lock (_sync)
        {
            return entries.Snapshot();
        }
    }

    private void Add<T>(JournalEntries<T> entries, T item)
    {
        lock (_sync)
        {
            entries.Add(item);
            Signal();
        }
    }

    private long Dropped()
        => _schedulerCalls.Dropped + _schedulerEvents.Dropped + _executorCalls.Dropped + _executorEvents.Dropped
            + _acknowledgements.Dropped + _subscriptions.Dropped + _executorLaunches.Dropped + _heldCalls.Dropped + _tasks.Dropped;

    // Wakes every waiter so it re-checks its condition.
    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }
}
