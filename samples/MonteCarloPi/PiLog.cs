using Microsoft.Extensions.Logging;

namespace MonteCarloPi;

/// <summary>What the sample says as it goes.</summary>
internal static partial class PiLog
{
    [LoggerMessage(1, LogLevel.Information, "Registered as framework {FrameworkId}; throwing {Samples:N0} points over {Tasks} tasks")]
    public static partial void Registered(ILogger logger, string frameworkId, long samples, int tasks);

    [LoggerMessage(2, LogLevel.Information, "Launched {Count} tasks on {Host}")]
    public static partial void Launched(ILogger logger, int count, string host);

    [LoggerMessage(3, LogLevel.Warning, "The launch on {Host} was refused: {Reason}")]
    public static partial void LaunchRefused(ILogger logger, string host, string reason);

    [LoggerMessage(4, LogLevel.Information, "{Task} finished: {Done}/{Tasks} tasks done")]
    public static partial void TaskFinished(ILogger logger, string task, int done, int tasks);

    [LoggerMessage(5, LogLevel.Warning, "{Task} ended {State} ({Reason}: {Message}); its share goes out again")]
    public static partial void TaskLost(ILogger logger, string task, Mesos.V1.TaskState state, Mesos.V1.TaskStatus.Types.Reason reason, string message);

    [LoggerMessage(6, LogLevel.Information, "Executor says: {Message}")]
    public static partial void ExecutorSays(ILogger logger, string message);

    [LoggerMessage(7, LogLevel.Warning, "Executor {Executor} on {Agent} ended (status {Status})")]
    public static partial void ExecutorLost(ILogger logger, string executor, string agent, int? status);

    [LoggerMessage(8, LogLevel.Information, "{Task}: {Hits} of {Samples} points inside")]
    public static partial void Counted(ILogger logger, string task, long hits, long samples);

    [LoggerMessage(10, LogLevel.Information, "{Task} finished, says the master ({Message}); its result comes with the executor's own update")]
    public static partial void FinishedWithoutResult(ILogger logger, string task, string message);

    [LoggerMessage(9, LogLevel.Warning, "Could not tell the scheduler that {Task} started: {Reason}")]
    public static partial void MessageFailed(ILogger logger, string task, string reason);
}
