namespace MonteCarloPi;

/// <summary>
/// The job's state, shared by every scheduler callback (each runs in its own scope): which chunks wait
/// for an offer, which run, and the hits of those finished.
/// </summary>
public sealed class PiJob
{
    private readonly object _gate = new();
    private readonly Queue<PiChunk> _waiting = new();
    private readonly Dictionary<string, PiChunk> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _hits = new(StringComparer.Ordinal);
    private readonly HashSet<string> _executorAgents = new(StringComparer.Ordinal);

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
            _waiting.Enqueue(new PiChunk(i, share, Seed: 7919 * (i + 1)));
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

    public bool TryTake(out PiChunk chunk)
    {
        lock (_gate)
        {
            if (_waiting.TryDequeue(out chunk!))
            {
                _running[chunk.TaskId] = chunk;
                return true;
            }

            return false;
        }
    }

    /// <summary>Puts a chunk back (its launch was refused, or its task ended without a result).</summary>
    public void Requeue(string taskId)
    {
        lock (_gate)
        {
            if (_running.Remove(taskId, out var chunk))
            {
                _waiting.Enqueue(chunk with { Attempt = chunk.Attempt + 1 });
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

    /// <summary>Whether this framework's executor is already running on the agent (its resources are then taken).</summary>
    public bool HasExecutorOn(string agentId)
    {
        lock (_gate)
        {
            return _executorAgents.Contains(agentId);
        }
    }

    public void ExecutorStarted(string agentId)
    {
        lock (_gate)
        {
            _executorAgents.Add(agentId);
        }
    }

    public void ExecutorEnded(string agentId)
    {
        lock (_gate)
        {
            _executorAgents.Remove(agentId);
        }
    }
}
