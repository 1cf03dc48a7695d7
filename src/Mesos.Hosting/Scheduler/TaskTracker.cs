using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The tasks launched through the driver that have not reached a terminal state, with their latest state;
/// and the most recent ones that did, so that a reconciliation answer about one of those can be told stale.
/// </summary>
internal sealed class TaskTracker
{
    /// <summary>How many ended tasks are remembered.</summary>
    public const int EndedCapacity = 10_000;

    private readonly Dictionary<string, (AgentID Agent, TaskState State)> _live = new(StringComparer.Ordinal);

    // Tasks whose ACCEPT is on its way: the master may not know them yet, so asking about them would be answered
    // TASK_LOST "Task is unknown" for a task about to run. Once the master took the call, it reports on each itself.
    private readonly HashSet<string> _launching = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    /// <summary>The ACCEPT launching <paramref name="tasks"/> is about to be sent.</summary>
    public void Launching(IEnumerable<TaskInfo> tasks)
    {
        lock (_live)
        {
            foreach (var task in tasks)
            {
                _live[task.TaskId.Value] = (task.AgentId, TaskState.TaskStaging);
                _launching.Add(task.TaskId.Value);
            }
        }
    }

    /// <summary>
    /// Tasks an earlier run of the framework launched and last knew live (from its own records): they are asked
    /// about explicitly at the next SUBSCRIBED, as if this run had launched them.
    /// </summary>
    public void Adopt(IEnumerable<(TaskID Task, AgentID Agent)> tasks)
    {
        lock (_live)
        {
            foreach (var (task, agent) in tasks)
            {
                _live.TryAdd(task.Value, (agent, TaskState.TaskStaging));
            }
        }
    }

    /// <summary>Raised when an ACCEPT's answer was lost: the master may or may not have taken its tasks.</summary>
    public event Action<IReadOnlyList<(TaskID Task, AgentID Agent)>>? LaunchUncertain;

    /// <summary>The ACCEPT's answer was lost (a dropped connection, a timeout): the tasks are to be asked about.</summary>
    public void Uncertain(IEnumerable<TaskInfo> tasks) => LaunchUncertain?.Invoke(tasks.Select(t => (t.TaskId, t.AgentId)).ToList());

    /// <summary>The ACCEPT was sent, or may have reached the master: from now on the tasks are reconciled.</summary>
    public void Launched(IEnumerable<TaskInfo> tasks)
    {
        lock (_live)
        {
            foreach (var task in tasks)
            {
                _launching.Remove(task.TaskId.Value);
            }
        }
    }

    /// <summary>The ACCEPT certainly did not launch <paramref name="tasks"/> (not sent, or refused).</summary>
    public void Forget(IEnumerable<TaskInfo> tasks)
    {
        lock (_live)
        {
            foreach (var task in tasks)
            {
                _live.Remove(task.TaskId.Value);
                _launching.Remove(task.TaskId.Value);
            }
        }
    }

    public void Observe(TaskStatus status)
    {
        lock (_live)
        {
            var id = status.TaskId.Value;
            if (MesosTaskStates.IsTerminal(status.State))
            {
                _live.Remove(id);
                _launching.Remove(id);
                Ended(id);
            }
            else if (_live.TryGetValue(id, out var known))
            {
                // The agent already held stays when the update names the same one: each update's own copy of it would
                // leave every task with an agent ID of its own (some 130 bytes), where the tasks of one offer share one.
                var agent = status.AgentId is { } reported && reported.Value != known.Agent?.Value ? reported : known.Agent;
                _live[id] = (agent, status.State);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="status"/> is the master's reconciliation answer about a task whose terminal update
    /// was already delivered. Such an answer is stale: the master forgets a task once its terminal update is
    /// acknowledged, and then answers TASK_LOST (or TASK_GONE) for a task that in truth finished.
    /// </summary>
    public bool IsStaleReconciliation(TaskStatus status)
    {
        if (status.HasUuid || status.Reason != TaskStatus.Types.Reason.Reconciliation)
        {
            return false;
        }

        lock (_live)
        {
            return _ended.Contains(status.TaskId.Value);
        }
    }

    /// <summary>The tasks to ask the master about: not known to be terminal, and not on their way to it.</summary>
    public List<(TaskID Task, AgentID Agent)> NonTerminal()
    {
        lock (_live)
        {
            return _live.Where(t => !_launching.Contains(t.Key)).Select(t => (new TaskID { Value = t.Key }, t.Value.Agent)).ToList();
        }
    }

    /// <summary>The tasks not known to be terminal, counted by their last known state.</summary>
    public Dictionary<TaskState, int> CountByState()
    {
        lock (_live)
        {
            return _live.Values.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        }
    }

    private void Ended(string id)
    {
        if (!_ended.Add(id))
        {
            return;
        }

        _endedOrder.Enqueue(id);
        if (_endedOrder.Count > EndedCapacity)
        {
            _ended.Remove(_endedOrder.Dequeue());
        }
    }
}
