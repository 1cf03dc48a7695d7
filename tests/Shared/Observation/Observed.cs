namespace Mesos.Hosting.TestSupport.Observation;

/// <summary>
/// What a test saw, as it arrives: a test awaits a condition over the items, and is woken by each new item
/// rather than polling; it gives up after a deadline, saying what it waited for.
/// </summary>
internal sealed class Observed<T>
{
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Met)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
            _waiters.RemoveAll(w => w.Condition(_items) && w.Met.TrySetResult());
        }
    }

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public async Task WaitAsync(Func<IReadOnlyList<T>, bool> condition, TimeSpan timeout, string what)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_items)
        {
            if (condition(_items))
            {
                return;
            }

            _waiters.Add((condition, met));
        }

        try
        {
            await met.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout} for {what}; saw {Count} items: {string.Join(" | ", Snapshot().TakeLast(8))}");
        }
    }

    public Task WaitForCountAsync(int count, TimeSpan timeout, string what) => WaitAsync(items => items.Count >= count, timeout, what);
}
