namespace Mesos.Hosting.Testing.Observation;

/// <summary>
/// One kind of journal entry, in order, keeping at most a capacity of the newest: a long-running cluster (mesos-local
/// serving a framework for days) must not hold every offer it ever sent. Not thread-safe; the journal locks around it.
/// </summary>
internal sealed class JournalEntries<T>(int capacity)
{
    private readonly Queue<T> _entries = new();

    /// <summary>How many entries were let go to stay within the capacity.</summary>
    public long Dropped { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<T> Items => _entries;

    public void Add(T entry)
    {
        _entries.Enqueue(entry);
        if (_entries.Count > capacity)
        {
            _entries.Dequeue();
            Dropped++;
        }
    }

    public T[] Snapshot() => [.. _entries];
}
