using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What the master knows of one framework.</summary>
internal sealed class FrameworkRecord(string id, FrameworkInfo info)
{
    /// <summary>Mesos's default --max_completed_tasks_per_framework: the oldest completed task is forgotten beyond it.</summary>
    public const int MaxCompletedTasks = 1000;

    private readonly Queue<TaskRecord> _completedTasks = new();

    public string Id { get; } = id;

    public FrameworkInfo Info { get; set; } = info;

    public IEventStream? Stream { get; set; }

    public string? StreamId { get; set; }

    public ITimer? Heartbeat { get; set; }

    public ITimer? FailoverTimer { get; set; }

    public bool Connected => Stream is { IsClosed: false };

    public HashSet<string> SuppressedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// (agent ID, role) → resources refused until a time. As in Mesos's allocator, a filter holds back
    /// only offers that it contains: more resources freed on the agent are offered at once.
    /// </summary>
    public Dictionary<(string AgentId, string Role), List<(DateTimeOffset Until, ResourceBag Refused)>> DeclineFilters { get; } = [];

    public Dictionary<string, OfferRecord> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Roles => FrameworkCapabilities.Roles(Info);

    public bool IsMultiRole => FrameworkCapabilities.Has(Info, FrameworkInfo.Types.Capability.Types.Type.MultiRole);

    public bool IsPartitionAware => FrameworkCapabilities.Has(Info, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);

    /// <summary>Tasks the master no longer tracks as live, oldest first, as Mesos keeps them for its operator API and state.</summary>
    public IReadOnlyCollection<TaskRecord> CompletedTasks => _completedTasks;

    /// <summary>The master stops tracking a task (terminal and acknowledged, or gone with its agent or framework).</summary>
    public void CompleteTask(TaskRecord task)
    {
        Tasks.Remove(task.Id);
        _completedTasks.Enqueue(task);
        if (_completedTasks.Count > MaxCompletedTasks)
        {
            _completedTasks.Dequeue();
        }
    }
}
