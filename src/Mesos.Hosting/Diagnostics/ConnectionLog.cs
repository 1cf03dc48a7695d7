using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The connection layer's log messages: master detection, and the pipelined call connection.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(201, LogLevel.Information, "The leading master is now {Leader} (ZooKeeper {Path})")]
    public static partial void LeaderDetected(ILogger logger, string leader, string path);

    [LoggerMessage(202, LogLevel.Warning, "No master leads in ZooKeeper {Path}; members: {Members}")]
    public static partial void NoLeadingMaster(ILogger logger, string path, string members);

    [LoggerMessage(203, LogLevel.Error, "Ignored the leading master's ZooKeeper node {Node}: {Problem}")]
    public static partial void UnusableMasterInfo(ILogger logger, string node, string problem);

    [LoggerMessage(204, LogLevel.Warning, "Could not read the leading master's ZooKeeper node {Node}; reading it again: {Reason}")]
    public static partial void MasterInfoUnread(ILogger logger, string node, string reason);

    [LoggerMessage(205, LogLevel.Information, "The pipelined call connection to {Endpoint} closed, {Unanswered} calls go again on the ordinary one: {Reason}")]
    public static partial void PipelineBroke(ILogger logger, Uri endpoint, int unanswered, string reason);
}
