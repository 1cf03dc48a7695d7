using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// One agent's <c>/metrics/snapshot</c> under the names of Mesos's agent metrics (src/slave/metrics.cpp), for the
/// figures the local agent has: whether it is registered, its executors and frameworks, its tasks by state, its resources.
/// Called with the lock held.
/// </summary>
internal static class AgentMetrics
{
    private static readonly TaskState[] TaskStates =
    [
        TaskState.TaskStaging, TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskKilling,
        TaskState.TaskFinished, TaskState.TaskFailed, TaskState.TaskKilled, TaskState.TaskLost,
    ];

    public static SortedDictionary<string, double> Snapshot(LocalAgent agent)
    {
        var state = agent.Master;
        var running = agent.Runs.Where(r => !r.Terminated).ToList();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["slave/registered"] = agent.IsRegistered && agent.Updates.Connected ? 1 : 0,
            ["slave/executors_running"] = running.Count,
            ["slave/frameworks_active"] = running.Select(r => r.FrameworkId).Distinct(StringComparer.Ordinal).Count(),
        };

        var tasks = state.Frameworks.Concat(state.CompletedFrameworks)
            .SelectMany(f => f.Tasks.Values.Concat(f.CompletedTasks))
            .Where(t => t.AgentId == agent.Id)
            .ToList();
        MetricFigures.AddTasks(metrics, "slave", tasks, TaskStates);
        MetricFigures.AddResources(metrics, "slave", agent.Total, agent.IsRegistered ? state.Used(agent.Id) : new ResourceBag());
        return metrics;
    }
}
