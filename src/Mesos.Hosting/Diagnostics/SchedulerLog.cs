using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The scheduler driver's log messages.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(1, LogLevel.Information, "Subscribing to the Mesos master ({Options}), framework ID {FrameworkId}")]
    public static partial void Subscribing(ILogger logger, string options, string frameworkId);

    [LoggerMessage(2, LogLevel.Information, "Subscribed to {Master} as framework {FrameworkId}; heartbeat every {Heartbeat}")]
    public static partial void Subscribed(ILogger logger, Uri? master, string frameworkId, string heartbeat);

    [LoggerMessage(3, LogLevel.Warning, "Reconnecting to the Mesos master in {Delay}: subscription attempt {Attempt} failed: {Reason}")]
    public static partial void SubscribeFailed(ILogger logger, int attempt, string delay, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Disconnected from the Mesos master: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Warning, "No event for {Silence} (heartbeat interval {Interval}); reconnecting")]
    public static partial void HeartbeatMissed(ILogger logger, string silence, string interval);

    [LoggerMessage(6, LogLevel.Error, "The scheduler's {Callback} callback threw; {Consequence}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string callback, string consequence);

    [LoggerMessage(7, LogLevel.Critical, "Unrecoverable Mesos error: {Message}")]
    public static partial void Fatal(ILogger logger, string message);

    [LoggerMessage(8, LogLevel.Warning, "{CallType} failed: {Reason}")]
    public static partial void CallFailed(ILogger logger, string callType, string reason);

    [LoggerMessage(9, LogLevel.Information, "Reconciling {Count} tasks explicitly (round {Round})")]
    public static partial void Reconciling(ILogger logger, int count, int round);

    [LoggerMessage(10, LogLevel.Debug, "Ignored an event of unknown type {Type}")]
    public static partial void UnknownEvent(ILogger logger, int type);

    [LoggerMessage(11, LogLevel.Information, "Declined {Count} offers the callback left unused")]
    public static partial void DeclinedUnused(ILogger logger, int count);

    [LoggerMessage(12, LogLevel.Error, "Ignored a {Type} event from the master: {Problem}")]
    public static partial void InvalidEvent(ILogger logger, string type, string problem);

    [LoggerMessage(13, LogLevel.Error, "Declined an offer with resources that cannot be: {Problem}")]
    public static partial void InvalidOffer(ILogger logger, string problem);

    [LoggerMessage(15, LogLevel.Debug, "Ignored a reconciliation answer ({State}) about task {TaskId}, whose terminal update was already delivered")]
    public static partial void StaleReconciliation(ILogger logger, string taskId, Mesos.V1.TaskState state);

    [LoggerMessage(16, LogLevel.Warning, "{Master} no longer leads; subscribing to the new leader")]
    public static partial void LeaderChanged(ILogger logger, Uri? master);

    [LoggerMessage(17, LogLevel.Warning, "Mesos removed framework {FrameworkId} (torn down, or its failover timeout passed); its stored ID is cleared and the scheduler subscribes as a new framework")]
    public static partial void FrameworkRemoved(ILogger logger, string frameworkId);

    [LoggerMessage(24, LogLevel.Warning, "The framework ID store holds framework {Stored}, not framework {Held} that this instance drove before: another instance replaced it while this one stood by, and this one subscribes as the stored framework")]
    public static partial void FrameworkReplaced(ILogger logger, string stored, string held);

    [LoggerMessage(25, LogLevel.Warning, "Reading the framework ID from its store failed (attempt {Attempt}); trying again in {Delay}: {Reason}")]
    public static partial void FrameworkIdReadFailed(ILogger logger, int attempt, string delay, string reason);

    [LoggerMessage(26, LogLevel.Information, "This instance stopped driving the framework as another took it over: {Reason}")]
    public static partial void EndedWithRun(ILogger logger, string reason);

    [LoggerMessage(18, LogLevel.Information, "The framework was torn down; the driver stops")]
    public static partial void TornDown(ILogger logger);

    [LoggerMessage(14, LogLevel.Critical, "The scheduler driver failed unexpectedly")]
    public static partial void Crashed(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Debug, "Sending {CallType} to the master")]
    public static partial void CallSending(ILogger logger, string callType);

    [LoggerMessage(23, LogLevel.Debug, "Received {EventType} from the master")]
    public static partial void EventReceived(ILogger logger, string eventType);
}
