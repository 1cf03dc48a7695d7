namespace Mesos.Hosting.Workloads;

/// <summary>What a stored work item is.</summary>
internal enum WorkKind
{
    Task,
    Service,
}
