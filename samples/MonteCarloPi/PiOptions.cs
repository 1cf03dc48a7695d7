namespace MonteCarloPi;

/// <summary>The job, bound from the <c>Pi</c> section (or <c>--Pi:Samples=…</c> on the command line).</summary>
public sealed class PiOptions
{
    /// <summary>Points thrown in all.</summary>
    public long Samples { get; set; } = 40_000_000;

    /// <summary>Tasks the samples are split over.</summary>
    public int Tasks { get; set; } = 8;

    /// <summary>CPUs each task asks for.</summary>
    public double TaskCpus { get; set; } = 0.5;

    /// <summary>Memory (MB) each task asks for.</summary>
    public double TaskMem { get; set; } = 64;

    /// <summary>How an agent starts the executor; by default, this very program.</summary>
    public string? ExecutorCommand { get; set; }
}
