namespace Mesos.Hosting.Workloads;

/// <summary>Everything a <see cref="IWorkloadStore"/> holds, as read at start-up.</summary>
/// <param name="Work">Every stored work item, in no particular order.</param>
/// <param name="Attempts">Every stored attempt, in no particular order; each belongs to one of <paramref name="Work"/>.</param>
public sealed record WorkloadStoreSnapshot(IReadOnlyList<StoredWork> Work, IReadOnlyList<StoredAttempt> Attempts);
