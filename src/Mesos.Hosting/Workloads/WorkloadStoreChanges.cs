namespace Mesos.Hosting.Workloads;

/// <summary>One batch of writes to a <see cref="IWorkloadStore"/>, applied in the order of its lists.</summary>
public sealed record WorkloadStoreChanges
{
    /// <summary>Work to store, replacing any stored under the same ID.</summary>
    public IReadOnlyList<StoredWork> PutWork { get; init; } = [];

    /// <summary>Attempts to store, replacing any stored under the same task ID; each one's work is stored already or in <see cref="PutWork"/>.</summary>
    public IReadOnlyList<StoredAttempt> PutAttempts { get; init; } = [];

    /// <summary>IDs of work to remove, with all their attempts; an ID not stored is no error.</summary>
    public IReadOnlyList<string> RemoveWork { get; init; } = [];

    /// <summary>Whether the batch writes nothing.</summary>
    public bool IsEmpty => PutWork.Count == 0 && PutAttempts.Count == 0 && RemoveWork.Count == 0;
}
