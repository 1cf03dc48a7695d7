using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>A task the master knows: launched and not yet terminal-and-acknowledged.</summary>
internal sealed class TaskRecord(TaskInfo info, string frameworkId, string agentId, string? executorId, ResourceBag resources)
{
    private readonly List<TaskStatus> _statuses = [];
    private TaskStatus? _latest;

    public TaskInfo Info { get; } = info;

    public string Id => Info.TaskId.Value;

    public string FrameworkId { get; } = frameworkId;

    public string AgentId { get; } = agentId;

    public string? ExecutorId { get; } = executorId;

    public ResourceBag Resources { get; } = resources;

    public TaskState State { get; set; } = TaskState.TaskStaging;

    /// <summary>The latest status; setting it also records it in <see cref="Statuses"/>.</summary>
    public TaskStatus? LatestStatus
    {
        get => _latest;
        set
        {
            _latest = value;
            if (value is not null)
            {
                Record(value);
            }
        }
    }

    /// <summary>
    /// Every state the task went through, as Mesos's master keeps them (<c>Master::updateTask</c>): a repeat of the
    /// last state replaces it, and each is kept without its data, which a framework may have made large.
    /// </summary>
    public IReadOnlyList<TaskStatus> Statuses => _statuses;

    /// <summary>The container status of the latest update that carried one: Mesos reports it in reconciliation answers.</summary>
    public ContainerStatus? LatestContainerStatus { get; set; }

    /// <summary>Whether the master has taken this task's resources back (on its first terminal update).</summary>
    public bool ResourcesReleased { get; set; }

    private void Record(TaskStatus status)
    {
        if (_statuses.Count > 0 && _statuses[^1].State == status.State)
        {
            _statuses.RemoveAt(_statuses.Count - 1);
        }

        var kept = status.Clone();
        kept.ClearData();
        _statuses.Add(kept);
    }
}
