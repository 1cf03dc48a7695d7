namespace Mesos.Hosting.Testing.Observation;

/// <summary>
/// One kind of journal entry, in order, keeping the newest within a capacity: a long-running cluster (mesos-local
/// serving a framework for days) must not hold every offer it ever sent. An entry may weigh more than one (an OFFERS
/// event, one per offer it carries), so that the bound is on what the entries hold, not only on their number; the
/// newest entry is kept whatever it weighs. Not thread-safe; the journal locks around it.
/// </summary>
internal sealed class JournalEntries<T>(int capacity, Func<T, int>? weight = null)
{
    private readonly Queue<(T Entry, int Weight)> _entries = new();
    private long _weight;

    /// <summary>How many entries were let go to stay within the capacity.</summary>
    public long Dropped { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<T> Items => _entries.Select(e => e.Entry);

    public void Add(T entry)
    {
        var entryWeight = Math.Max(1, weight?.Invoke(entry) ?? 1);
        _entries.Enqueue((entry, entryWeight));
        _weight += entryWeight;
        while (_weight > capacity && _entries.Count > 1)
        {
            _weight -= _entries.Dequeue().Weight;
            Dropped++;
        }
    }

    public T[] Snapshot() => [.. Items];
}
