using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Workloads;

/// <summary>The workloads' log messages: one per state change, naming the work, the attempt and its task.</summary>
internal static partial class WorkloadLog
{
    [LoggerMessage(1, LogLevel.Information, "Work {WorkId} submitted as {Name}")]
    public static partial void Submitted(ILogger logger, string workId, string name);

    [LoggerMessage(2, LogLevel.Information, "Work {WorkId} attempt {Attempt} launching as task {TaskId} on agent {AgentId}")]
    public static partial void Launching(ILogger logger, string workId, int attempt, string taskId, string agentId);

    [LoggerMessage(3, LogLevel.Information, "Work {WorkId} attempt {Attempt} (task {TaskId}) is {State} ({Reason}): {Message}")]
    public static partial void AttemptChanged(ILogger logger, string workId, int attempt, string taskId, TaskState state, string reason, string message);

    [LoggerMessage(4, LogLevel.Information, "Work {WorkId} {Outcome} after {Attempts} attempts: {State} {Message}")]
    public static partial void Ended(ILogger logger, string workId, WorkloadOutcome outcome, int attempts, TaskState state, string message);

    [LoggerMessage(5, LogLevel.Information, "Work {WorkId} attempt {Attempt} failed; the next attempt waits {Delay}")]
    public static partial void Retrying(ILogger logger, string workId, int attempt, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "Work {WorkId} attempt {Attempt} (task {TaskId}) ran past its timeout of {Timeout}; killing it")]
    public static partial void TimedOut(ILogger logger, string workId, int attempt, string taskId, TimeSpan timeout);

    [LoggerMessage(7, LogLevel.Information, "Service {Name}: {Instances} instances, spec version {Version}{Change}")]
    public static partial void ServiceDeclared(ILogger logger, string name, int instances, int version, string change);

    [LoggerMessage(8, LogLevel.Information, "Killing task {TaskId} of {WorkId}: {Why}")]
    public static partial void Retiring(ILogger logger, string taskId, string workId, string why);

    [LoggerMessage(9, LogLevel.Warning, "Writing to the workload store failed (attempt {Attempt}); nothing acts on the change until it is stored; next try in {Delay}")]
    public static partial void StoreWriteFailed(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Error, "The workloads failed while handling {What}")]
    public static partial void Failed(ILogger logger, Exception exception, string what);

    [LoggerMessage(11, LogLevel.Information, "Loaded {Work} work items and {Live} live attempts from the workload store")]
    public static partial void Loaded(ILogger logger, int work, int live);

    [LoggerMessage(12, LogLevel.Warning, "Work {WorkId} attempt {Attempt} (task {TaskId}) was never launched ({Why}); another attempt replaces it, not counted")]
    public static partial void NotLaunched(ILogger logger, string workId, int attempt, string taskId, string why);

    [LoggerMessage(13, LogLevel.Critical, "This instance leads but cannot load the workload store; it stops so that it does not drive the framework without its work")]
    public static partial void LoadFailed(ILogger logger, Exception exception);
}
