using Google.Protobuf;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// The agent's status update manager (src/slave/task_status_update_manager.cpp): per task, one
/// update in flight to the master at a time, retried with doubling backoff until the scheduler
/// acknowledges it, and only then the next. Duplicates (by uuid) are dropped. Called with the
/// cluster lock held.
/// </summary>
internal sealed class StatusUpdateManager(MasterState master, AgentReports reports)
{
    private readonly Dictionary<(string FrameworkId, string TaskId), UpdateStream> _streams = [];

    /// <summary>Whether updates can reach the master (false while the agent is down).</summary>
    public bool Connected { get; set; } = true;

    /// <summary>Takes an update; false when it is a duplicate of one already taken.</summary>
    public bool Update(string frameworkId, TaskStatus status)
    {
        var key = (frameworkId, status.TaskId.Value);
        if (!_streams.TryGetValue(key, out var stream))
        {
            stream = new UpdateStream(frameworkId, status.TaskId.Value);
            _streams[key] = stream;
        }

        if (!stream.Seen.Add(status.Uuid))
        {
            return false;
        }

        stream.Pending.Enqueue(status);
        if (stream.Pending.Count == 1)
        {
            Forward(stream, resetBackoff: true);
        }

        return true;
    }

    /// <summary>Applies a scheduler's acknowledgement; returns the acknowledged update, or null if it was not the one in flight.</summary>
    public TaskStatus? Acknowledge(string frameworkId, string taskId, ByteString uuid)
    {
        if (!_streams.TryGetValue((frameworkId, taskId), out var stream) || stream.Pending.Count == 0 || stream.Pending.Peek().Uuid != uuid)
        {
            return null;
        }

        var acknowledged = stream.Pending.Dequeue();
        stream.Retry?.Dispose();
        stream.Retry = null;
        master.Journal.Record(new ObservedAcknowledgement(frameworkId, taskId, uuid, acknowledged.State, master.Journal.Now));
        if (MesosTaskStates.IsTerminal(acknowledged.State))
        {
            _streams.Remove((frameworkId, taskId));
            reports.OnTerminalAcknowledged(frameworkId, taskId);
        }
        else if (stream.Pending.Count > 0)
        {
            Forward(stream, resetBackoff: true);
        }

        return acknowledged;
    }

    /// <summary>Whether an update with this uuid was already taken for the task.</summary>
    public bool HasSeen(string frameworkId, string taskId, ByteString uuid)
        => _streams.TryGetValue((frameworkId, taskId), out var stream) && stream.Seen.Contains(uuid);

    /// <summary>Sends every framework's in-flight updates again at once (after it resubscribed, or the agent came back).</summary>
    public void Resend(string? frameworkId = null)
    {
        foreach (var stream in _streams.Values.Where(s => (frameworkId is null || s.FrameworkId == frameworkId) && s.Pending.Count > 0))
        {
            Forward(stream, resetBackoff: true);
        }
    }

    /// <summary>Forgets a framework's streams: a removed framework acknowledges nothing.</summary>
    public void RemoveFramework(string frameworkId)
    {
        foreach (var key in _streams.Keys.Where(k => k.FrameworkId == frameworkId).ToList())
        {
            _streams[key].Retry?.Dispose();
            _streams.Remove(key);
        }
    }

    /// <summary>Cancels every pending retry (the agent is going away).</summary>
    public void StopRetries()
    {
        foreach (var stream in _streams.Values)
        {
            stream.Retry?.Dispose();
        }
    }

    private void Forward(UpdateStream stream, bool resetBackoff)
    {
        if (resetBackoff)
        {
            stream.Backoff = master.Options.StatusUpdateRetryInterval;
        }

        stream.Retry?.Dispose();
        stream.Retry = master.Time.CreateTimer(_ => RetryUnderLock(stream), null, stream.Backoff, Timeout.InfiniteTimeSpan);
        if (Connected)
        {
            reports.OnStatusUpdate(stream.FrameworkId, stream.Pending.Peek());
        }
    }

    private void RetryUnderLock(UpdateStream stream)
    {
        lock (master.Sync)
        {
            if (stream.Pending.Count > 0 && _streams.GetValueOrDefault((stream.FrameworkId, stream.TaskId)) == stream)
            {
                stream.Backoff = TimeSpan.FromTicks(Math.Min(stream.Backoff.Ticks * 2, master.Options.StatusUpdateRetryMax.Ticks));
                Forward(stream, resetBackoff: false);
            }
        }
    }

    private sealed class UpdateStream(string frameworkId, string taskId)
    {
        public string FrameworkId { get; } = frameworkId;

        public string TaskId { get; } = taskId;

        public Queue<TaskStatus> Pending { get; } = new();

        public HashSet<ByteString> Seen { get; } = [];

        public TimeSpan Backoff { get; set; }

        public ITimer? Retry { get; set; }
    }
}
