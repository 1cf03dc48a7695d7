using System.Globalization;

namespace Mesos.Hosting;

/// <summary>
/// A ZooKeeper operation failed: the server answered with an error code, or the connection or session
/// it needed was lost. The message names the code, the operation and the node.
/// </summary>
public sealed class ZooKeeperException : Exception
{
    /// <summary>Creates the exception for <paramref name="operation"/> on <paramref name="path"/>.</summary>
    public ZooKeeperException(ZooKeeperErrorCode code, string operation, string? path, string? detail = null, Exception? innerException = null)
        : base(Describe(code, operation, path, detail), innerException)
    {
        Code = code;
        Operation = operation;
        Path = path;
        Detail = detail;
    }

    /// <summary>The ZooKeeper error code.</summary>
    public ZooKeeperErrorCode Code { get; }

    /// <summary>The operation that failed, as ZooKeeper names it (<c>create</c>, <c>getData</c> ...).</summary>
    public string Operation { get; }

    /// <summary>The node the operation was on, as the caller named it; null for session-wide operations.</summary>
    public string? Path { get; }

    /// <summary>What the client knows beyond the code (why a connection was lost, why a session expired); null if nothing.</summary>
    public string? Detail { get; }

    private static string Describe(ZooKeeperErrorCode code, string operation, string? path, string? detail)
    {
        var target = path is null ? operation : operation + " " + path;
        var message = string.Create(CultureInfo.InvariantCulture, $"ZooKeeper {target} failed: {code} ({(int)code}), {Meaning(code)}");
        return detail is null ? message + "." : message + ": " + detail;
    }

    private static string Meaning(ZooKeeperErrorCode code) => code switch
    {
        ZooKeeperErrorCode.NoNode => "the node does not exist",
        ZooKeeperErrorCode.NodeExists => "the node already exists",
        ZooKeeperErrorCode.NotEmpty => "the node has children",
        ZooKeeperErrorCode.BadVersion => "the node's version is not the one given",
        ZooKeeperErrorCode.NoAuth => "this session's identities may not do that",
        ZooKeeperErrorCode.NoChildrenForEphemerals => "an ephemeral node cannot have children",
        ZooKeeperErrorCode.InvalidAcl => "the ACL is invalid",
        ZooKeeperErrorCode.AuthFailed => "the server refused the credentials",
        ZooKeeperErrorCode.SessionExpired => "the session expired, and its ephemeral nodes and watches with it",
        ZooKeeperErrorCode.ConnectionLoss => "the connection was lost; the operation may or may not have taken effect",
        ZooKeeperErrorCode.RequestTimeout => "no reply came in time; the operation may or may not have taken effect",
        ZooKeeperErrorCode.SessionMoved => "the session moved to another server",
        ZooKeeperErrorCode.BadArguments => "the server refused the arguments",
        ZooKeeperErrorCode.Unimplemented => "the server does not implement it",
        ZooKeeperErrorCode.Throttled => "the server is throttling requests",
        ZooKeeperErrorCode.QuotaExceeded => "a quota is exceeded",
        _ => "an error the server reported",
    };
}
