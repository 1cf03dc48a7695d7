using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What one ACCEPT works with: its agent, what its offers still hold, and the task IDs and executors its launches claim.</summary>
internal sealed class AcceptContext(FrameworkRecord framework, LocalAgent agent, ResourceBag available)
{
    public FrameworkRecord Framework { get; } = framework;

    public LocalAgent Agent { get; } = agent;

    public ResourceBag Available { get; } = available;

    public HashSet<string> TaskIdsInUse { get; } = new(framework.Tasks.Keys, StringComparer.Ordinal);

    public Dictionary<string, ExecutorInfo> NewExecutors { get; } = new(StringComparer.Ordinal);
}
