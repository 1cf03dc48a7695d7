namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>Every state a client went through, in order, as its StateChanged event told it.</summary>
internal sealed class StateRecorder
{
    private readonly List<ZooKeeperStateChangedEventArgs> _changes = [];

    public StateRecorder(ZooKeeperClient client) => client.StateChanged += (_, change) =>
    {
        lock (_changes)
        {
            _changes.Add(change);
        }
    };

    public IReadOnlyList<ZooKeeperStateChangedEventArgs> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public IReadOnlyList<ZooKeeperState> States => Changes.Select(change => change.State).ToList();

    /// <summary>Waits until <paramref name="state"/> has been seen <paramref name="times"/> times; returns that change.</summary>
    public async Task<ZooKeeperStateChangedEventArgs> WaitFor(ZooKeeperState state, int times = 1, TimeSpan? deadline = null)
    {
        await Eventually.Until(() => Changes.Count(change => change.State == state) >= times, $"the client is {state} ({times}x); so far {string.Join(", ", States)}", deadline);
        return Changes.Where(change => change.State == state).ElementAt(times - 1);
    }
}
