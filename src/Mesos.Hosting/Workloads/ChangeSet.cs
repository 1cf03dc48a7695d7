namespace Mesos.Hosting.Workloads;

/// <summary>What one step changed, collected so that it goes to the store as one write before anything acts on it.</summary>
internal sealed class ChangeSet
{
    private readonly Dictionary<string, Work> _work = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Attempt> _attempts = new(StringComparer.Ordinal);
    private readonly List<string> _removed = [];

    public bool IsEmpty => _work.Count == 0 && _attempts.Count == 0 && _removed.Count == 0;

    public void Put(Work work) => _work[work.Key] = work;

    public void Put(Attempt attempt) => _attempts[attempt.TaskId] = attempt;

    public void Remove(Work work)
    {
        _work.Remove(work.Key);
        foreach (var attempt in work.Attempts)
        {
            _attempts.Remove(attempt.TaskId);
        }

        _removed.Add(work.Key);
    }

    /// <summary>Encoded now: what is written is the state as of this step.</summary>
    public WorkloadStoreChanges Encode() => new()
    {
        PutWork = _work.Values.Select(WorkloadCodec.Encode).ToList(),
        PutAttempts = _attempts.Values.Select(WorkloadCodec.Encode).ToList(),
        RemoveWork = [.. _removed],
    };
}
