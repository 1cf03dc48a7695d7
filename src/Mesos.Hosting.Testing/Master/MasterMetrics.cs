using System.Reflection;
using Google.Protobuf.Reflection;
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

    private static readonly string[] Scalars = ["cpus", "mem", "disk", "gpus"];

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
        foreach (var taskState in TaskStates)
        {
            metrics[$"master/{MetricName(taskState).ToLowerInvariant()}"] = tasks.Count(t => t.State == taskState);
        }

        var total = new ResourceBag();
        var used = new ResourceBag();
        foreach (var agent in registered)
        {
            total.Add(agent.Total);
            used.Add(state.Used(agent.Id));
        }

        foreach (var name in Scalars)
        {
            var totalScalar = Scalar(total, name);
            var usedScalar = Scalar(used, name);
            metrics[$"master/{name}_total"] = totalScalar;
            metrics[$"master/{name}_used"] = usedScalar;
            metrics[$"master/{name}_percent"] = totalScalar == 0 ? 0 : usedScalar / totalScalar;
        }

        return metrics;
    }

    // TASK_RUNNING → tasks_running, once lowercased: Mesos names the figures after the states.
    private static string MetricName(TaskState state)
        => typeof(TaskState).GetField(state.ToString())!.GetCustomAttribute<OriginalNameAttribute>()!.Name["TASK_".Length..].Insert(0, "tasks_");

    private static double Scalar(ResourceBag bag, string name) => bag.Entries.Where(e => e.Name == name).Sum(e => e.Quantity.Scalar);
}
