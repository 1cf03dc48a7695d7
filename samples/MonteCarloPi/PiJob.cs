namespace MonteCarloPi;

/// <summary>
/// The job's state, shared by every scheduler callback (each runs in its own scope): which chunks wait
/// for an offer, which run, and the hits of those finished.
/// </summary>
public sealed class PiJob
{
    private readonly object _gate = new();
    private readonly List<PiChunk> _waiting = [];
    private readonly Dictionary<string, PiChunk> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _hits = new(StringComparer.Ordinal);

    public PiJob(Microsoft.Extensions.Options.IOptions<PiOptions> options)
    {
        Options = options.Value;
        if (Options.Tasks <= 0 || Options.Samples < Options.Tasks)
        {
            throw new ArgumentException($"Pi:Tasks must be positive and at most Pi:Samples; they are {Options.Tasks} and {Options.Samples}.");
        }

        for (var i = 0; i < Options.Tasks; i++)
        {
            var share = (Options.Samples / Options.Tasks) + (i < Options.Samples % Options.Tasks ? 1 : 0);
            _waiting.Add(new PiChunk(i, share, Seed: 7919 * (i + 1)));
        }
    }

    public PiOptions Options { get; }

    public TaskCompletionSource<double> Estimate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Finished
    {
        get
        {
            lock (_gate)
            {
                return _hits.Count;
            }
        }
    }

    /// <summary>The chunks waiting for an offer, in the order they are to go out.</summary>
    public IReadOnlyList<PiChunk> Waiting
    {
        get
        {
            lock (_gate)
            {
                return [.. _waiting];
            }
        }
    }

    /// <summary>Books the waiting chunk whose task was launched as running.</summary>
    public void Launched(string taskId)
    {
        lock (_gate)
        {
            var index = _waiting.FindIndex(c => c.TaskId == taskId);
            if (index >= 0)
            {
                _running[taskId] = _waiting[index];
                _waiting.RemoveAt(index);
            }
        }
    }

    /// <summary>Puts a running chunk back to wait, under a new task ID (its task ended without a result).</summary>
    public void Requeue(string taskId)
    {
        lock (_gate)
        {
            if (_running.Remove(taskId, out var chunk))
            {
                _waiting.Add(chunk with { Attempt = chunk.Attempt + 1 });
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

    /// <summary>Books a finished task's hits; returns the estimate once every task has finished.</summary>
    public double? Complete(string taskId, long hits)
    {
        lock (_gate)
        {
            if (!_running.Remove(taskId) || !_hits.TryAdd(taskId, hits) || _hits.Count < Options.Tasks)
            {
                return null;
            }

            return 4.0 * _hits.Values.Sum() / Options.Samples;
        }
    }
}
