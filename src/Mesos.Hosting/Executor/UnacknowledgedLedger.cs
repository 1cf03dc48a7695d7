using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>
/// What the agent has not yet acknowledged: the updates sent (by uuid, in the order sent) and the
/// tasks received for which no update was acknowledged. Both go with every SUBSCRIBE, so an agent
/// restart loses neither.
/// </summary>
internal sealed class UnacknowledgedLedger
{
    private readonly object _gate = new();
    private readonly List<Call.Types.Update> _updates = [];
    private readonly Dictionary<string, TaskInfo> _tasks = new(StringComparer.Ordinal);
    private TaskCompletionSource _drained = Drained();

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

    public void UpdateSent(Call.Types.Update update)
    {
        lock (_gate)
        {
            if (_updates.Count == 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _updates.Add(update);
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

    /// <summary>The updates not in <paramref name="snapshot"/>: sent while a SUBSCRIBE was on its way.</summary>
    public List<Call.Types.Update> NotIn(Call.Types.Subscribe snapshot)
    {
        var known = snapshot.UnacknowledgedUpdates.Select(u => u.Status.Uuid).ToHashSet();
        lock (_gate)
        {
            return _updates.Where(u => !known.Contains(u.Status.Uuid)).ToList();
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

    private void Remove(int index)
    {
        _updates.RemoveAt(index);
        if (_updates.Count == 0)
        {
            _drained.TrySetResult();
        }
    }
}
