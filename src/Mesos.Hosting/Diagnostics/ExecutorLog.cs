using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The executor driver's log messages.</summary>
internal static partial class ExecutorLog
{
    [LoggerMessage(101, LogLevel.Information, "Subscribing to the Mesos agent at {Agent} ({Environment}); {Updates} unacknowledged updates, {Tasks} unacknowledged tasks")]
    public static partial void Subscribing(ILogger logger, Uri agent, string environment, int updates, int tasks);

    [LoggerMessage(102, LogLevel.Information, "Subscribed to the Mesos agent as executor {ExecutorId} of framework {FrameworkId}")]
    public static partial void Subscribed(ILogger logger, string executorId, string frameworkId);

    [LoggerMessage(103, LogLevel.Warning, "Disconnected from the Mesos agent: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(104, LogLevel.Information, "Reaching the agent again in {Delay}; giving up {Remaining} from now ({Reason})")]
    public static partial void Reconnecting(ILogger logger, string delay, string remaining, string reason);

    [LoggerMessage(105, LogLevel.Warning, "Shutting down: {Reason}")]
    public static partial void ShuttingDown(ILogger logger, string reason);

    [LoggerMessage(106, LogLevel.Error, "The executor's {Callback} callback threw; {Consequence}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string callback, string consequence);

    [LoggerMessage(107, LogLevel.Warning, "The update of task {TaskId} did not reach the agent; it is kept and sent again, and the task's later updates wait behind it: {Reason}")]
    public static partial void UpdateNotSent(ILogger logger, string taskId, string reason);

    [LoggerMessage(108, LogLevel.Warning, "{Count} updates were still unacknowledged {Timeout} into stopping")]
    public static partial void UnacknowledgedAtStop(ILogger logger, int count, string timeout);

    [LoggerMessage(109, LogLevel.Critical, "The grace period of {Grace} ran out; killing the executor's process group")]
    public static partial void HardExit(ILogger logger, string grace);

    [LoggerMessage(110, LogLevel.Error, "Mesos error: {Message}")]
    public static partial void Error(ILogger logger, string message);

    [LoggerMessage(111, LogLevel.Debug, "Ignored an executor event of unknown type {Type}")]
    public static partial void UnknownEvent(ILogger logger, int type);

    [LoggerMessage(112, LogLevel.Error, "Ignored a {Type} event from the agent: {Problem}")]
    public static partial void InvalidEvent(ILogger logger, string type, string problem);

    [LoggerMessage(113, LogLevel.Critical, "The executor driver failed unexpectedly")]
    public static partial void Crashed(ILogger logger, Exception exception);

    [LoggerMessage(114, LogLevel.Debug, "Sending {CallType} to the agent")]
    public static partial void CallSending(ILogger logger, string callType);

    [LoggerMessage(115, LogLevel.Debug, "Received {EventType} from the agent")]
    public static partial void EventReceived(ILogger logger, string eventType);

    [LoggerMessage(116, LogLevel.Error, "The agent refused the update of task {TaskId}; it is not kept to be sent again: {Reason}")]
    public static partial void UpdateRefused(ILogger logger, string taskId, string reason);
}
