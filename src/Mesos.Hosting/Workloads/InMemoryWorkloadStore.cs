namespace Mesos.Hosting.Workloads;

/// <summary>
/// Keeps workloads in this process's memory only: for tests and throwaway runs. Nothing survives the process;
/// one instance shared by two hosts in a process lets the second resume the first's work.
/// </summary>
public sealed class InMemoryWorkloadStore : IWorkloadStore
{
    private readonly object _sync = new();
    private readonly Dictionary<string, StoredWork> _work = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredAttempt> _attempts = new(StringComparer.Ordinal);

    /// <summary>Write batches applied so far.</summary>
    public int Writes { get; private set; }

    /// <inheritdoc/>
    public ValueTask<WorkloadStoreSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(new WorkloadStoreSnapshot([.. _work.Values], [.. _attempts.Values]));
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(WorkloadStoreChanges changes, CancellationToken cancellationToken)
    {
        WorkloadStoreChecks.ThrowIfInvalid(changes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_sync)
        {
            foreach (var work in changes.PutWork)
            {
                _work[work.Id] = work with { Data = work.Data.ToArray() };
            }

            foreach (var attempt in changes.PutAttempts)
            {
                _attempts[attempt.TaskId] = attempt with { Data = attempt.Data.ToArray() };
            }

            foreach (var id in changes.RemoveWork)
            {
                _work.Remove(id);
                foreach (var orphan in _attempts.Values.Where(a => a.WorkId == id).Select(a => a.TaskId).ToList())
                {
                    _attempts.Remove(orphan);
                }
            }

            Writes++;
        }

        return ValueTask.CompletedTask;
    }
}
