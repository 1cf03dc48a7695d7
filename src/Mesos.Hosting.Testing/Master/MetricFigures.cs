using System.Reflection;
using Google.Protobuf.Reflection;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>The figures Mesos's master and agent both report under their own prefix: tasks by state, and scalar resources.</summary>
internal static class MetricFigures
{
    private static readonly string[] Scalars = ["cpus", "mem", "disk", "gpus"];

    /// <summary><c>{prefix}/tasks_running</c> and the like: how many of <paramref name="tasks"/> are in each state.</summary>
    public static void AddTasks(IDictionary<string, double> metrics, string prefix, IReadOnlyCollection<TaskRecord> tasks, IEnumerable<TaskState> states)
    {
        foreach (var state in states)
        {
            metrics[$"{prefix}/{MetricName(state)}"] = tasks.Count(t => t.State == state);
        }
    }

    /// <summary><c>{prefix}/cpus_total</c>, <c>_used</c> and <c>_percent</c> (a fraction, as Mesos's), likewise for mem, disk and gpus.</summary>
    public static void AddResources(IDictionary<string, double> metrics, string prefix, ResourceBag total, ResourceBag used)
    {
        foreach (var name in Scalars)
        {
            var totalScalar = Scalar(total, name);
            var usedScalar = Scalar(used, name);
            metrics[$"{prefix}/{name}_total"] = totalScalar;
            metrics[$"{prefix}/{name}_used"] = usedScalar;
            metrics[$"{prefix}/{name}_percent"] = totalScalar == 0 ? 0 : usedScalar / totalScalar;
        }
    }

    // TASK_RUNNING → tasks_running: Mesos names the figures after the states.
    private static string MetricName(TaskState state)
        => "tasks_" + typeof(TaskState).GetField(state.ToString())!.GetCustomAttribute<OriginalNameAttribute>()!.Name["TASK_".Length..].ToLowerInvariant();

    private static double Scalar(ResourceBag bag, string name) => bag.Entries.Where(e => e.Name == name).Sum(e => e.Quantity.Scalar);
}
