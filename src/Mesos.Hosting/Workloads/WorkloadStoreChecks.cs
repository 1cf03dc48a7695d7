namespace Mesos.Hosting.Workloads;

/// <summary>What every store refuses before it writes anything, so that a bad batch leaves the store as it was.</summary>
internal static class WorkloadStoreChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first record whose ID is missing.</summary>
    public static void ThrowIfInvalid(WorkloadStoreChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var work in changes.PutWork)
        {
            Require(work?.Id, "a work item to put", nameof(changes));
        }

        foreach (var attempt in changes.PutAttempts)
        {
            Require(attempt?.TaskId, "an attempt to put", nameof(changes));
            Require(attempt!.WorkId, $"attempt '{attempt.TaskId}'s work", nameof(changes));
        }

        foreach (var id in changes.RemoveWork)
        {
            Require(id, "a work item to remove", nameof(changes));
        }
    }

    // An empty ID cannot name a ZooKeeper node, and every store keeps the same rules.
    private static void Require(string? id, string what, string paramName)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"The ID of {what} is missing: workload store IDs are non-empty strings.", paramName);
        }
    }
}
