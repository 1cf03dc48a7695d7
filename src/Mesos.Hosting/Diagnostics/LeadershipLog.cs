using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The high-availability election's log messages.</summary>
internal static partial class LeadershipLog
{
    [LoggerMessage(301, LogLevel.Information, "Joined the scheduler election as {Node}")]
    public static partial void Joined(ILogger logger, string node);

    [LoggerMessage(302, LogLevel.Warning, "This instance leads the framework now ({Reason})")]
    public static partial void Won(ILogger logger, string reason);

    [LoggerMessage(303, LogLevel.Warning, "This instance no longer leads the framework: {Reason}; its driver stops")]
    public static partial void Lost(ILogger logger, string reason);

    [LoggerMessage(304, LogLevel.Warning, "The scheduler election failed; joining again in {Delay}: {Reason}")]
    public static partial void ElectionFailed(ILogger logger, string delay, string reason, Exception? exception);

    [LoggerMessage(305, LogLevel.Warning, "The ZooKeeper session expired: master {MasterId} contends again as {Node}")]
    public static partial void MasterRejoined(ILogger logger, string masterId, string node);

    [LoggerMessage(306, LogLevel.Error, "Could not put the masters up for election again after the ZooKeeper session expired: {Reason}")]
    public static partial void MasterRejoinFailed(ILogger logger, string reason);

    [LoggerMessage(307, LogLevel.Warning, "Could not leave the scheduler election ({Reason}); {Node} keeps this instance's place in it until deleted, so this instance tries again in {Delay}")]
    public static partial void LeaveFailed(ILogger logger, string node, string reason, string delay);

    [LoggerMessage(308, LogLevel.Error, "A handler of the leadership's change ({Change}) threw; the election goes on")]
    public static partial void HandlerFailed(ILogger logger, string change, Exception exception);
}
