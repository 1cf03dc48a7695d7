using System.Net;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>The ZooKeeper client's and group's log messages. Session ids print in hex, as ZooKeeper prints them.</summary>
internal static partial class ZooKeeperLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connecting to ZooKeeper server {Server} (session 0x{SessionId:x})")]
    public static partial void Connecting(ILogger logger, DnsEndPoint server, long sessionId);

    [LoggerMessage(2, LogLevel.Information, "Connected to ZooKeeper server {Server}: new session 0x{SessionId:x}, timeout {Timeout}")]
    public static partial void Connected(ILogger logger, DnsEndPoint server, long sessionId, string timeout);

    [LoggerMessage(3, LogLevel.Information, "Reconnected to ZooKeeper server {Server} with the same session 0x{SessionId:x}")]
    public static partial void Reconnected(ILogger logger, DnsEndPoint server, long sessionId);

    [LoggerMessage(4, LogLevel.Debug, "ZooKeeper server {Server} did not take the session: {Reason}")]
    public static partial void ServerUnreachable(ILogger logger, DnsEndPoint server, string reason);

    [LoggerMessage(5, LogLevel.Warning, "No ZooKeeper server of {Servers} answered; trying again in {Delay}")]
    public static partial void NoServerAnswered(ILogger logger, int servers, string delay);

    [LoggerMessage(6, LogLevel.Warning, "Lost the connection to ZooKeeper server {Server} (session 0x{SessionId:x}): {Reason}")]
    public static partial void ConnectionLost(ILogger logger, DnsEndPoint server, long sessionId, string reason);

    [LoggerMessage(7, LogLevel.Warning, "ZooKeeper session 0x{SessionId:x} expired: {Reason}")]
    public static partial void SessionExpired(ILogger logger, long sessionId, string reason);

    [LoggerMessage(8, LogLevel.Error, "ZooKeeper refused the credentials of user {User} ({Code}); the client stops")]
    public static partial void AuthFailed(ILogger logger, string user, ZooKeeperErrorCode code);

    [LoggerMessage(9, LogLevel.Warning, "ZooKeeper refused to re-register the watches after a reconnect ({Code}); they will not fire")]
    public static partial void SetWatchesFailed(ILogger logger, ZooKeeperErrorCode code);

    [LoggerMessage(10, LogLevel.Debug, "Ignored a ZooKeeper notification of type {Type} for {Path}")]
    public static partial void UnexpectedNotification(ILogger logger, int type, string? path);

    [LoggerMessage(11, LogLevel.Error, "A ZooKeeper event handler threw")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Debug, "Closed ZooKeeper session 0x{SessionId:x}")]
    public static partial void Closed(ILogger logger, long sessionId);

    [LoggerMessage(20, LogLevel.Information, "Joined the ZooKeeper group {Group} as {Member}")]
    public static partial void Joined(ILogger logger, string group, string member);

    [LoggerMessage(21, LogLevel.Information, "Left the ZooKeeper group {Group} ({Member})")]
    public static partial void Left(ILogger logger, string group, string member);

    [LoggerMessage(22, LogLevel.Warning, "Lost the membership {Member} of the ZooKeeper group {Group}: {Reason}")]
    public static partial void MembershipLost(ILogger logger, string group, string member, ZooKeeperMembershipEnd reason);

    [LoggerMessage(23, LogLevel.Warning, "Deleted {Member} of the ZooKeeper group {Group}: this session made it, but no member of this process holds it (a join whose reply never came)")]
    public static partial void LeftoverDeleted(ILogger logger, string group, string member);
}
