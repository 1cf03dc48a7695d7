using Microsoft.Extensions.Logging;

namespace MonteCarloPi;

/// <summary>What the sample says as it goes.</summary>
internal static partial class PiLog
{
    [LoggerMessage(1, LogLevel.Information, "Submitted {Tasks} shares throwing {Samples:N0} points in all")]
    public static partial void Submitted(ILogger logger, int tasks, long samples);

    [LoggerMessage(2, LogLevel.Information, "π share {Index} ended {Outcome} after {Attempts} attempt(s) ({Task}): {Done}/{Tasks} shares done")]
    public static partial void ShareEnded(ILogger logger, int index, Mesos.Hosting.Workloads.WorkloadOutcome outcome, int attempts, string task, int done, int tasks);

    [LoggerMessage(3, LogLevel.Information, "Tearing down framework {FrameworkId}: Mesos shuts its executors down")]
    public static partial void TearingDown(ILogger logger, string frameworkId);

    [LoggerMessage(8, LogLevel.Information, "{Task}: {Hits} of {Samples} points inside")]
    public static partial void Counted(ILogger logger, string task, long hits, long samples);

    [LoggerMessage(9, LogLevel.Warning, "Could not tell the scheduler that {Task} started: {Reason}")]
    public static partial void MessageFailed(ILogger logger, string task, string reason);
}
