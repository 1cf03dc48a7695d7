using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Operator;

/// <summary>The operator API client's log messages.</summary>
internal static partial class OperatorLog
{
    [LoggerMessage(201, LogLevel.Information, "Subscribed to the event stream of {Master}; heartbeat every {Heartbeat}")]
    public static partial void Subscribed(ILogger logger, Uri master, string heartbeat);

    [LoggerMessage(202, LogLevel.Warning, "The event stream of the Mesos master ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string reason);

    [LoggerMessage(203, LogLevel.Warning, "Subscription attempt {Attempt} failed; next in {Delay}: {Reason}")]
    public static partial void SubscribeFailed(ILogger logger, int attempt, string delay, string reason);

    [LoggerMessage(204, LogLevel.Warning, "Skipped a {Type} event from the Mesos master: {Problem}")]
    public static partial void EventSkipped(ILogger logger, string type, string problem);

    [LoggerMessage(205, LogLevel.Debug, "Ignored an event of unknown type {Type}")]
    public static partial void UnknownEvent(ILogger logger, int type);

    [LoggerMessage(206, LogLevel.Warning, "{CallType} attempt {Attempt} failed; trying again in {Delay}: {Reason}")]
    public static partial void CallFailed(ILogger logger, string callType, int attempt, string delay, string reason);

    [LoggerMessage(207, LogLevel.Error, "The event stream stopped on an unexpected error")]
    public static partial void StreamCrashed(ILogger logger, Exception exception);
}
