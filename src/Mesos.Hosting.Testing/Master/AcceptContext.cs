using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What one ACCEPT works with: its agent, what its offers still hold, and the executors its launches claim. Task IDs in use are the framework's own tasks: a task is tracked as soon as it launches.</summary>
internal sealed class AcceptContext(FrameworkRecord framework, LocalAgent agent, ResourceBag available)
{
    public FrameworkRecord Framework { get; } = framework;

    public LocalAgent Agent { get; } = agent;

    public ResourceBag Available { get; } = available;

    public Dictionary<string, ExecutorInfo> NewExecutors { get; } = new(StringComparer.Ordinal);
}
