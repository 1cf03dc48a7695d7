using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The figures of <c>/metrics/snapshot</c> and GET_METRICS under the names of Mesos's master metrics
/// (src/master/metrics.cpp), only for what the local master really holds: no message or event-queue counts.
/// Called with the lock held.
/// </summary>
internal static class MasterMetrics
{
    // Live states are gauges of the tasks in them now; terminal ones count every task that ended so, as Mesos's counters do.
    private static readonly TaskState[] TaskStates =
    [
        TaskState.TaskStaging, TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskKilling, TaskState.TaskUnreachable,
        TaskState.TaskFinished, TaskState.TaskFailed, TaskState.TaskKilled, TaskState.TaskLost, TaskState.TaskError,
        TaskState.TaskDropped, TaskState.TaskGone, TaskState.TaskGoneByOperator,
    ];

    public static SortedDictionary<string, double> Snapshot(MasterState state, int index)
    {
        var registered = state.Agents.Where(a => a.IsRegistered).ToList();
        var connected = registered.Count(a => a.Updates.Connected);
        var active = state.ActiveAgents.Count();
        var frameworks = state.Frameworks.ToList();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["master/elected"] = state.LeaderIndex == index ? 1 : 0,
            ["master/uptime_secs"] = (state.Time.GetUtcNow() - state.StartTime).TotalSeconds,
            ["master/slaves_active"] = active,
            ["master/slaves_inactive"] = registered.Count - active,
            ["master/slaves_connected"] = connected,
            ["master/slaves_disconnected"] = registered.Count - connected,
            ["master/frameworks_active"] = frameworks.Count(f => f.Connected),
            ["master/frameworks_inactive"] = frameworks.Count(f => !f.Connected),
            ["master/frameworks_connected"] = frameworks.Count(f => f.Connected),
            ["master/frameworks_disconnected"] = frameworks.Count(f => !f.Connected),
            ["master/outstanding_offers"] = frameworks.Sum(f => f.Offers.Count),
        };

        var tasks = frameworks.Concat(state.CompletedFrameworks).SelectMany(f => f.Tasks.Values.Concat(f.CompletedTasks)).ToList();
        MetricFigures.AddTasks(metrics, "master", tasks, TaskStates);
        var total = new ResourceBag();
        var used = new ResourceBag();
        foreach (var agent in registered)
        {
            total.Add(agent.Total);
            used.Add(state.Used(agent.Id));
        }

        MetricFigures.AddResources(metrics, "master", total, used);
        return metrics;
    }
}
