using System.Globalization;
using Mesos.Hosting.Workloads;

namespace MonteCarloPi;

/// <summary>What the shares' results add up to: π, or why there is none (every share that brought no hits, named).</summary>
public sealed record PiEstimate(double? Pi, IReadOnlyList<string> Failures)
{
    /// <summary>Sums the hits of <paramref name="results"/>, the results of <paramref name="job"/>'s chunks in their order.</summary>
    public static PiEstimate Of(PiJob job, IReadOnlyList<WorkloadResult> results)
    {
        if (results.Count != job.Chunks.Count)
        {
            throw new ArgumentException($"The job has {job.Chunks.Count} shares; {results.Count} results were given.", nameof(results));
        }

        long hits = 0;
        var failures = new List<string>();
        foreach (var (chunk, result) in job.Chunks.Zip(results))
        {
            if (result.Outcome == WorkloadOutcome.Poisoned)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"π share {chunk.Index} was poisoned after {result.CountedAttempts} attempt(s): {result.State} ({result.Reason}: {result.Message})"));
            }
            else if (PiChunk.TryHitsFromData(result.Data, out var shareHits))
            {
                hits += shareHits;
            }
            else
            {
                // Only the executor's own TASK_FINISHED carries the hits: a bare state (a master's answer) is no result.
                failures.Add($"π share {chunk.Index} finished without its hits (its data is '{result.Data.ToStringUtf8()}')");
            }
        }

        return failures.Count == 0 ? new PiEstimate(4.0 * hits / job.Options.Samples, []) : new PiEstimate(null, failures);
    }
}
