using Microsoft.Extensions.Options;

namespace MyFramework;

/// <summary>
/// The framework's state, shared by every scheduler callback (each runs in its own DI scope): the tasks
/// waiting for an offer, those running, those finished.
/// </summary>
public sealed class WorkQueue
{
    private readonly object _gate = new();
    private readonly Queue<int> _waiting = new();
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly HashSet<int> _finished = [];
    private readonly Dictionary<int, int> _attempts = [];

    public WorkQueue(IOptions<WorkOptions> options)
    {
        Options = options.Value;
        for (var i = 0; i < Options.Tasks; i++)
        {
            _waiting.Enqueue(i);
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

    /// <summary>Takes the next task to launch, with a task ID never used before.</summary>
    public bool TryTake(out string taskId)
    {
        lock (_gate)
        {
            if (!_waiting.TryDequeue(out var item))
            {
                taskId = "";
                return false;
            }

            var attempt = _attempts[item] = _attempts.GetValueOrDefault(item) + 1;
            taskId = $"task-{item}.{attempt}";
            _running[taskId] = item;
            return true;
        }
    }

    /// <summary>Puts a task back to be launched again (its launch was refused, or it ended badly).</summary>
    public void Retry(string taskId)
    {
        lock (_gate)
        {
            if (_running.Remove(taskId, out var item))
            {
                _waiting.Enqueue(item);
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
}
