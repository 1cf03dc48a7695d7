namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// The session's watches, by server path, as ZooKeeper's client keeps them (ZKWatchManager): one set per
/// kind, each fired once and forgotten. What is registered here is re-registered after a reconnect.
/// </summary>
internal sealed class ZooKeeperWatchRegistry
{
    private readonly Dictionary<string, List<TaskCompletionSource<ZooKeeperWatchEvent>>> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskCompletionSource<ZooKeeperWatchEvent>>> _exist = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskCompletionSource<ZooKeeperWatchEvent>>> _child = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private Exception? _ended;

    /// <summary>
    /// Registers a watch the server has just set. For <see cref="ZooKeeperWatchKind.Exists"/> the server set a data
    /// watch when the node exists and an exist watch when it does not.
    /// </summary>
    public Task<ZooKeeperWatchEvent> Add(ZooKeeperWatchKind kind, string serverPath, bool nodeExists)
    {
        var watch = new TaskCompletionSource<ZooKeeperWatchEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var table = kind switch
        {
            ZooKeeperWatchKind.Data => _data,
            ZooKeeperWatchKind.Exists => nodeExists ? _data : _exist,
            ZooKeeperWatchKind.Children => _child,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a watch."),
        };

        lock (_sync)
        {
            if (_ended is not null)
            {
                watch.SetException(_ended);
                _ = watch.Task.Exception;
                return watch.Task;
            }

            if (!table.TryGetValue(serverPath, out var watches))
            {
                table[serverPath] = watches = [];
            }

            watches.Add(watch);
        }

        return watch.Task;
    }

    /// <summary>Fires and forgets the watches <paramref name="type"/> at <paramref name="serverPath"/> concerns.</summary>
    public void Fire(ZooKeeperWatchEventType type, string serverPath, string clientPath)
    {
        var fired = new List<TaskCompletionSource<ZooKeeperWatchEvent>>();
        lock (_sync)
        {
            // Which kinds an event ends, as the server decides which watches it triggers.
            if (type is ZooKeeperWatchEventType.NodeCreated or ZooKeeperWatchEventType.NodeDataChanged or ZooKeeperWatchEventType.NodeDeleted)
            {
                Take(_data, serverPath, fired);
                Take(_exist, serverPath, fired);
            }

            if (type is ZooKeeperWatchEventType.NodeChildrenChanged or ZooKeeperWatchEventType.NodeDeleted)
            {
                Take(_child, serverPath, fired);
            }
        }

        var watchEvent = new ZooKeeperWatchEvent(type, clientPath);
        foreach (var watch in fired)
        {
            watch.TrySetResult(watchEvent);
        }
    }

    /// <summary>The paths to re-register after a reconnect: data, exist and child watches.</summary>
    public (List<string> Data, List<string> Exist, List<string> Child) Paths()
    {
        lock (_sync)
        {
            return ([.. _data.Keys], [.. _exist.Keys], [.. _child.Keys]);
        }
    }

    /// <summary>Fails every watch with <paramref name="reason"/>, and every watch added from now on.</summary>
    public void End(Exception reason)
    {
        var ended = new List<TaskCompletionSource<ZooKeeperWatchEvent>>();
        lock (_sync)
        {
            _ended ??= reason;
            foreach (var table in new[] { _data, _exist, _child })
            {
                ended.AddRange(table.Values.SelectMany(watches => watches));
                table.Clear();
            }
        }

        foreach (var watch in ended)
        {
            watch.TrySetException(reason);

            // Marked observed: a watch its reader has stopped awaiting must not resurface at finalization.
            _ = watch.Task.Exception;
        }
    }

    private static void Take(Dictionary<string, List<TaskCompletionSource<ZooKeeperWatchEvent>>> table, string path, List<TaskCompletionSource<ZooKeeperWatchEvent>> into)
    {
        if (table.Remove(path, out var watches))
        {
            into.AddRange(watches);
        }
    }
}
