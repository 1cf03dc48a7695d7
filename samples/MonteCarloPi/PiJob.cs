using System.Globalization;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Workloads;
using Mesos.V1;
using Microsoft.Extensions.Options;

namespace MonteCarloPi;

/// <summary>The job: its shares, each one workload the SDK places, launches and retries under this program's executor.</summary>
public sealed class PiJob
{
    // A share that fails (its executor lost, say) is counted again a few times before the job gives up on it.
    public static readonly RetryPolicy Retry = new() { MaximumAttempts = 3, InitialDelay = TimeSpan.FromSeconds(1) };

    private readonly PiExecutorCommand _executor;

    public PiJob(IOptions<PiOptions> options, PiExecutorCommand executor)
    {
        Options = options.Value;
        _executor = executor;
        if (Options.Tasks <= 0 || Options.Samples < Options.Tasks)
        {
            throw new ArgumentException($"Pi:Tasks must be positive and at most Pi:Samples; they are {Options.Tasks} and {Options.Samples}.");
        }

        Chunks = [.. Enumerable.Range(0, Options.Tasks).Select(i =>
            new PiChunk(i, (Options.Samples / Options.Tasks) + (i < Options.Samples % Options.Tasks ? 1 : 0), Seed: 7919 * (i + 1)))];
    }

    public PiOptions Options { get; }

    public IReadOnlyList<PiChunk> Chunks { get; }

    // The ID names the whole share (the seed follows from the index), so submitting it again, after a restart on
    // the same store, returns the share's stored result rather than counting it twice; another job never gets it.
    public WorkloadRequest Request(PiChunk chunk) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"pi/{Options.Samples}/{Options.Tasks}/{chunk.Index}"),
        Name = string.Create(CultureInfo.InvariantCulture, $"pi-{chunk.Index}"),
        Retry = Retry,
        Task = new TaskRequest
        {
            Id = "",
            Name = $"π share {chunk.Index}",
            Cpus = Options.TaskCpus,
            Mem = Options.TaskMem,

            // Spread: each agent's executor counts its share of the points at once, so more agents finish sooner.
            Fitness = Fitness.Spread,
            Executor = _executor.Info,
            Task = new TaskInfo { Data = chunk.ToData() },
        },
    };
}
