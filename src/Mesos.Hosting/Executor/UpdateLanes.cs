using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>
/// The order in which each task's updates reach the agent: at most one update of a task is on its way at a time, and
/// the task's others wait behind it in the order they were sent; one whose call failed goes back to the head of its
/// task's lane. Not thread-safe: the ledger guards it with its own lock.
/// </summary>
internal sealed class UpdateLanes
{
    private readonly Dictionary<TaskID, Lane> _lanes = [];

    /// <summary>Whether some task has an update waiting and none on its way.</summary>
    public bool AnyReady => _lanes.Values.Any(lane => lane.Ready);

    /// <summary>
    /// Takes a new update. True when it is on its way now; false when it waits: unsubscribed, for a SUBSCRIBE to carry it or
    /// to go right after one; subscribed, behind an earlier update of its task.
    /// </summary>
    public bool Add(Call.Types.Update update, bool subscribed)
    {
        var lane = LaneOf(update);
        if (!subscribed || lane.OnItsWay is not null || lane.Waiting.Count > 0)
        {
            lane.Waiting.Add(update);
            return false;
        }

        lane.OnItsWay = update;
        return true;
    }

    /// <summary>The first waiting update of a task with none on its way and not in <paramref name="skip"/>, now on its way.</summary>
    public Call.Types.Update? TakeNext(IReadOnlySet<TaskID>? skip)
    {
        foreach (var (task, lane) in _lanes)
        {
            if (lane.Ready && skip?.Contains(task) != true)
            {
                lane.OnItsWay = lane.Waiting[0];
                lane.Waiting.RemoveAt(0);
                return lane.OnItsWay;
            }
        }

        return null;
    }

    /// <summary>The agent took the update on its way: the next of its task may go.</summary>
    public void Delivered(Call.Types.Update update)
    {
        if (_lanes.TryGetValue(update.Status.TaskId, out var lane) && ReferenceEquals(lane.OnItsWay, update))
        {
            lane.OnItsWay = null;
            Prune(update.Status.TaskId, lane);
        }
    }

    /// <summary>The call for the update on its way failed: it goes first again.</summary>
    public void NotDelivered(Call.Types.Update update)
    {
        if (_lanes.TryGetValue(update.Status.TaskId, out var lane) && ReferenceEquals(lane.OnItsWay, update))
        {
            lane.OnItsWay = null;
            lane.Waiting.Insert(0, update);
        }
    }

    /// <summary>The update needs no sending any more (acknowledged, refused, or carried by a SUBSCRIBE), wherever it stood.</summary>
    public void Forget(TaskStatus status)
    {
        if (!_lanes.TryGetValue(status.TaskId, out var lane))
        {
            return;
        }

        if (lane.OnItsWay?.Status.Uuid.Equals(status.Uuid) == true)
        {
            lane.OnItsWay = null;
        }
        else
        {
            lane.Waiting.RemoveAll(u => u.Status.Uuid.Equals(status.Uuid));
        }

        Prune(status.TaskId, lane);
    }

    private Lane LaneOf(Call.Types.Update update)
    {
        if (!_lanes.TryGetValue(update.Status.TaskId, out var lane))
        {
            lane = new Lane();
            _lanes.Add(update.Status.TaskId, lane);
        }

        return lane;
    }

    private void Prune(TaskID task, Lane lane)
    {
        if (lane.OnItsWay is null && lane.Waiting.Count == 0)
        {
            _lanes.Remove(task);
        }
    }

    private sealed class Lane
    {
        public Call.Types.Update? OnItsWay { get; set; }

        public List<Call.Types.Update> Waiting { get; } = [];

        public bool Ready => OnItsWay is null && Waiting.Count > 0;
    }
}
