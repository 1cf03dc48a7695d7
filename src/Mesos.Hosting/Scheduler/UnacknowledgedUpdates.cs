using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Status updates delivered that asked for an acknowledgement the master has not yet taken, by task and uuid.
/// Mirrors the master's own list: an update it sends again (same uuid) is counted once, and is gone once acknowledged.
/// </summary>
internal sealed class UnacknowledgedUpdates
{
    // A master that never takes an acknowledgement cannot make this grow without end; the gauge then reads the cap.
    private const int MaxTracked = 100_000;

    private readonly HashSet<(string Task, ByteString Uuid)> _updates = [];

    public int Count
    {
        get
        {
            lock (_updates)
            {
                return _updates.Count;
            }
        }
    }

    public void Received(TaskStatus status)
    {
        if (!status.HasUuid)
        {
            return;
        }

        lock (_updates)
        {
            if (_updates.Count < MaxTracked)
            {
                _updates.Add((status.TaskId.Value, status.Uuid));
            }
        }
    }

    /// <summary>Forgets them all: they were the updates of a framework Mesos removed, which nothing can acknowledge now.</summary>
    public void Clear()
    {
        lock (_updates)
        {
            _updates.Clear();
        }
    }

    public void Acknowledged(TaskID task, ByteString uuid)
    {
        lock (_updates)
        {
            _updates.Remove((task.Value, uuid));
        }
    }
}
