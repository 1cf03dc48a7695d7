using Microsoft.Extensions.Options;

namespace MyFramework;

/// <summary>
/// The framework's state, shared by every scheduler callback (each runs in its own DI scope): the tasks
/// waiting for an offer, those running, those finished.
/// </summary>
public sealed class WorkQueue
{
    private readonly object _gate = new();
    private readonly List<(string TaskId, int Item)> _waiting = [];
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly HashSet<int> _finished = [];
    private readonly Dictionary<int, int> _attempts = [];

    public WorkQueue(IOptions<WorkOptions> options)
    {
        Options = options.Value;
        for (var i = 0; i < Options.Tasks; i++)
        {
            Wait(i);
        }
    }

    public WorkOptions Options { get; }

    /// <summary>Whether every task finished.</summary>
    public bool Succeeded
    {
        get
        {
            lock (_gate)
            {
                return _finished.Count == Options.Tasks;
            }
        }
    }

    public bool AllLaunched
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count == 0;
            }
        }
    }

    /// <summary>The IDs of the tasks waiting for an offer, in the order they are to go out.</summary>
    public IReadOnlyList<string> Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Select(w => w.TaskId).ToList();
            }
        }
    }

    /// <summary>Books a waiting task as launched.</summary>
    public void Launched(string taskId)
    {
        lock (_gate)
        {
            var index = _waiting.FindIndex(w => w.TaskId == taskId);
            if (index >= 0)
            {
                _running[taskId] = _waiting[index].Item;
                _waiting.RemoveAt(index);
            }
        }
    }

    /// <summary>Puts a task that ended badly back to wait, under a new task ID.</summary>
    public void Retry(string taskId)
    {
        lock (_gate)
        {
            if (_running.Remove(taskId, out var item))
            {
                Wait(item);
            }
        }
    }

    /// <summary>Books a finished task; true when it was the last.</summary>
    public bool Finish(string taskId)
    {
        lock (_gate)
        {
            return _running.Remove(taskId, out var item) && _finished.Add(item) && _finished.Count == Options.Tasks;
        }
    }

    // Every attempt gets a task ID never used before: Mesos refuses a task ID it has seen.
    private void Wait(int item)
    {
        var attempt = _attempts[item] = _attempts.GetValueOrDefault(item) + 1;
        _waiting.Add(($"task-{item}.{attempt}", item));
    }
}
