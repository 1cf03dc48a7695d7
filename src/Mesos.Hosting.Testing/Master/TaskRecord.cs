using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>A task the master knows: launched and not yet terminal-and-acknowledged.</summary>
internal sealed class TaskRecord(TaskInfo info, string frameworkId, string agentId, string? executorId, ResourceBag resources)
{
    public TaskInfo Info { get; } = info;

    public string Id => Info.TaskId.Value;

    public string FrameworkId { get; } = frameworkId;

    public string AgentId { get; } = agentId;

    public string? ExecutorId { get; } = executorId;

    public ResourceBag Resources { get; } = resources;

    public TaskState State { get; set; } = TaskState.TaskStaging;

    public TaskStatus? LatestStatus { get; set; }

    /// <summary>The container status of the latest update that carried one: Mesos reports it in reconciliation answers.</summary>
    public ContainerStatus? LatestContainerStatus { get; set; }

    /// <summary>Whether the master has taken this task's resources back (on its first terminal update).</summary>
    public bool ResourcesReleased { get; set; }
}
