using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>The tasks launched through the driver that have not reached a terminal state, with their latest state.</summary>
internal sealed class TaskTracker
{
    private readonly Dictionary<string, (AgentID Agent, TaskState State)> _live = new(StringComparer.Ordinal);

    public void Launched(IEnumerable<TaskInfo> tasks)
    {
        lock (_live)
        {
            foreach (var task in tasks)
            {
                _live[task.TaskId.Value] = (task.AgentId, TaskState.TaskStaging);
            }
        }
    }

    public void Forget(IEnumerable<TaskInfo> tasks)
    {
        lock (_live)
        {
            foreach (var task in tasks)
            {
                _live.Remove(task.TaskId.Value);
            }
        }
    }

    public void Observe(TaskStatus status)
    {
        lock (_live)
        {
            if (MesosTaskStates.IsTerminal(status.State))
            {
                _live.Remove(status.TaskId.Value);
            }
            else if (_live.TryGetValue(status.TaskId.Value, out var known))
            {
                _live[status.TaskId.Value] = (status.AgentId ?? known.Agent, status.State);
            }
        }
    }

    public List<(TaskID Task, AgentID Agent)> NonTerminal()
    {
        lock (_live)
        {
            return _live.Select(t => (new TaskID { Value = t.Key }, t.Value.Agent)).ToList();
        }
    }

}
