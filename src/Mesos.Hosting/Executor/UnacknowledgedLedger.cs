using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>
/// What the agent has not yet acknowledged: the updates sent (by uuid, in the order sent) and the
/// tasks received for which no update was acknowledged. Both go with every SUBSCRIBE, so an agent
/// restart loses neither. Of the updates, it also knows which never reached the agent (their UPDATE
/// call failed), so that they are sent again, and so that a task's later updates wait behind them.
/// </summary>
internal sealed class UnacknowledgedLedger
{
    private readonly object _gate = new();
    private readonly List<Call.Types.Update> _updates = [];
    private readonly Dictionary<string, TaskInfo> _tasks = new(StringComparer.Ordinal);
    private readonly HashSet<ByteString> _undelivered = [];
    private TaskCompletionSource _drained = Drained();
    private TaskCompletionSource _someUndelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int UpdateCount
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    public void TaskReceived(TaskInfo task)
    {
        lock (_gate)
        {
            _tasks[task.TaskId.Value] = task;
        }
    }

    /// <summary>
    /// Keeps a new update. True when it is to be sent now; false when it waits, kept as undelivered: unsubscribed, for a
    /// SUBSCRIBE to carry it or to go right after one; subscribed, behind an earlier update of its task that has not
    /// reached the agent.
    /// </summary>
    public bool Keep(Call.Types.Update update, bool subscribed)
    {
        lock (_gate)
        {
            if (_updates.Count == 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var waits = !subscribed || (_undelivered.Count > 0 && _updates.Exists(u => _undelivered.Contains(u.Status.Uuid) && u.Status.TaskId.Equals(update.Status.TaskId)));
            _updates.Add(update);
            if (waits)
            {
                MarkUndelivered(update);
            }

            return !waits;
        }
    }

    /// <summary>The agent took the update (202): it waits only for its acknowledgement now.</summary>
    public void Delivered(Call.Types.Update update)
    {
        lock (_gate)
        {
            Unmark(update.Status.Uuid);
        }
    }

    /// <summary>The update's UPDATE call failed: it is sent again, and its task's later updates wait behind it.</summary>
    public void NotDelivered(Call.Types.Update update)
    {
        lock (_gate)
        {
            if (_updates.Exists(u => ReferenceEquals(u, update)))
            {
                MarkUndelivered(update);
            }
        }
    }

    /// <summary>SUBSCRIBED to a SUBSCRIBE that carried <paramref name="snapshot"/>: what it carried reached the agent.</summary>
    public void SubscribedWith(Call.Types.Subscribe snapshot)
    {
        lock (_gate)
        {
            foreach (var update in snapshot.UnacknowledgedUpdates)
            {
                Unmark(update.Status.Uuid);
            }
        }
    }

    /// <summary>The updates that have not reached the agent, in the order they were sent.</summary>
    public List<Call.Types.Update> Undelivered()
    {
        lock (_gate)
        {
            return _undelivered.Count == 0 ? [] : _updates.FindAll(u => _undelivered.Contains(u.Status.Uuid));
        }
    }

    /// <summary>Completes when some update has not reached the agent.</summary>
    public Task SomeUndelivered()
    {
        lock (_gate)
        {
            return _someUndelivered.Task;
        }
    }

    /// <summary>Forgets an update the agent refused outright: sending it again would be refused again.</summary>
    public void Refused(Call.Types.Update update)
    {
        lock (_gate)
        {
            Remove(u => ReferenceEquals(u, update));
        }
    }

    /// <summary>ACKNOWLEDGED: the update is safe with the agent, and its task no longer unacknowledged.</summary>
    public bool Acknowledged(TaskID taskId, ByteString uuid)
    {
        lock (_gate)
        {
            var index = _updates.FindIndex(u => u.Status.Uuid.Equals(uuid));
            if (index < 0)
            {
                return false;
            }

            _tasks.Remove(taskId.Value);
            Remove(index);
            return true;
        }
    }

    public Call.Types.Subscribe SubscribeSnapshot()
    {
        lock (_gate)
        {
            var subscribe = new Call.Types.Subscribe();
            subscribe.UnacknowledgedUpdates.AddRange(_updates.Select(u => u.Clone()));
            subscribe.UnacknowledgedTasks.AddRange(_tasks.Values.Select(t => t.Clone()));
            return subscribe;
        }
    }

    /// <summary>Completes when every update sent so far has been acknowledged.</summary>
    public Task AllAcknowledged()
    {
        lock (_gate)
        {
            return _drained.Task;
        }
    }

    private static TaskCompletionSource Drained()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        drained.SetResult();
        return drained;
    }

    private void Remove(Predicate<Call.Types.Update> match)
    {
        var index = _updates.FindIndex(match);
        if (index >= 0)
        {
            Remove(index);
        }
    }

    private void MarkUndelivered(Call.Types.Update update)
    {
        _undelivered.Add(update.Status.Uuid);
        _someUndelivered.TrySetResult();
    }

    private void Unmark(ByteString uuid)
    {
        if (_undelivered.Remove(uuid) && _undelivered.Count == 0)
        {
            _someUndelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Remove(int index)
    {
        Unmark(_updates[index].Status.Uuid);
        _updates.RemoveAt(index);
        if (_updates.Count == 0)
        {
            _drained.TrySetResult();
        }
    }
}
