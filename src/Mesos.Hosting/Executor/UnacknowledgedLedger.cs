using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>
/// What the agent has not yet acknowledged: the updates sent (by uuid, in the order sent) and the
/// tasks received for which no update was acknowledged. Both go with every SUBSCRIBE, so an agent
/// restart loses neither. Of the updates, it also keeps the order in which each task's reach the agent
/// (<see cref="UpdateLanes"/>), so that one whose call failed is sent again before its task's later ones.
/// </summary>
internal sealed class UnacknowledgedLedger
{
    private readonly object _gate = new();
    private readonly List<Call.Types.Update> _updates = [];
    private readonly Dictionary<string, TaskInfo> _tasks = new(StringComparer.Ordinal);
    private readonly UpdateLanes _lanes = new();
    private TaskCompletionSource _drained = Drained();
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>Keeps a new update. True when it is to be sent now; false when it waits (<see cref="UpdateLanes.Add"/>).</summary>
    public bool Keep(Call.Types.Update update, bool subscribed)
    {
        lock (_gate)
        {
            if (_updates.Count == 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _updates.Add(update);
            var now = _lanes.Add(update, subscribed);
            Signal();
            return now;
        }
    }

    /// <summary>The next waiting update whose task has none on its way, skipping <paramref name="skip"/>'s; null when there is none.</summary>
    public Call.Types.Update? TakeNext(IReadOnlySet<TaskID>? skip)
    {
        lock (_gate)
        {
            var next = _lanes.TakeNext(skip);
            Signal();
            return next;
        }
    }

    /// <summary>The agent took the update (202): it waits only for its acknowledgement now.</summary>
    public void Delivered(Call.Types.Update update)
    {
        lock (_gate)
        {
            _lanes.Delivered(update);
            Signal();
        }
    }

    /// <summary>The update's UPDATE call failed: it is sent again before its task's later updates.</summary>
    public void NotDelivered(Call.Types.Update update)
    {
        lock (_gate)
        {
            _lanes.NotDelivered(update);
            Signal();
        }
    }

    /// <summary>SUBSCRIBED to a SUBSCRIBE that carried <paramref name="snapshot"/>: what it carried reached the agent.</summary>
    public void SubscribedWith(Call.Types.Subscribe snapshot)
    {
        lock (_gate)
        {
            foreach (var update in snapshot.UnacknowledgedUpdates)
            {
                _lanes.Forget(update.Status);
            }

            Signal();
        }
    }

    /// <summary>Completes when some update waits to be sent and no earlier one of its task is on its way.</summary>
    public Task Ready()
    {
        lock (_gate)
        {
            return _ready.Task;
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

    // Kept under the lock with every change of the lanes: a waiter holds the current task, replaced only once completed.
    private void Signal()
    {
        if (_lanes.AnyReady)
        {
            _ready.TrySetResult();
        }
        else if (_ready.Task.IsCompleted)
        {
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Remove(int index)
    {
        _lanes.Forget(_updates[index].Status);
        Signal();
        _updates.RemoveAt(index);
        if (_updates.Count == 0)
        {
            _drained.TrySetResult();
        }
    }
}
