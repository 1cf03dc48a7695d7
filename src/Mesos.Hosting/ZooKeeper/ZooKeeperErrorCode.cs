namespace Mesos.Hosting;

/// <summary>ZooKeeper's error codes (KeeperException.Code), with their wire values.</summary>
public enum ZooKeeperErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>A server-side system error.</summary>
    SystemError = -1,

    /// <summary>The server found its state inconsistent.</summary>
    RuntimeInconsistency = -2,

    /// <summary>The server found its data inconsistent.</summary>
    DataInconsistency = -3,

    /// <summary>The connection to the server was lost; the operation may or may not have been applied.</summary>
    ConnectionLoss = -4,

    /// <summary>A record could not be encoded or decoded.</summary>
    MarshallingError = -5,

    /// <summary>The server does not implement the operation.</summary>
    Unimplemented = -6,

    /// <summary>The operation timed out on the server.</summary>
    OperationTimeout = -7,

    /// <summary>The arguments are invalid.</summary>
    BadArguments = -8,

    /// <summary>The session is unknown to the server.</summary>
    UnknownSession = -12,

    /// <summary>A reconfiguration has no quorum.</summary>
    NewConfigNoQuorum = -13,

    /// <summary>A reconfiguration is in progress.</summary>
    ReconfigInProgress = -14,

    /// <summary>An API error.</summary>
    ApiError = -100,

    /// <summary>The node does not exist.</summary>
    NoNode = -101,

    /// <summary>The session's identities may not do this on the node.</summary>
    NoAuth = -102,

    /// <summary>The node's version is not the one the request named.</summary>
    BadVersion = -103,

    /// <summary>Ephemeral nodes may not have children.</summary>
    NoChildrenForEphemerals = -108,

    /// <summary>The node already exists.</summary>
    NodeExists = -110,

    /// <summary>The node has children.</summary>
    NotEmpty = -111,

    /// <summary>The session expired: its ephemeral nodes and watches are gone.</summary>
    SessionExpired = -112,

    /// <summary>An invalid callback.</summary>
    InvalidCallback = -113,

    /// <summary>The ACL is invalid.</summary>
    InvalidAcl = -114,

    /// <summary>Authentication failed.</summary>
    AuthFailed = -115,

    /// <summary>The session moved to another server.</summary>
    SessionMoved = -118,

    /// <summary>A write was sent to a read-only server.</summary>
    NotReadOnly = -119,

    /// <summary>An ephemeral node was requested on a local session.</summary>
    EphemeralOnLocalSession = -120,

    /// <summary>No watch to remove.</summary>
    NoWatcher = -121,

    /// <summary>No reply came within the request timeout.</summary>
    RequestTimeout = -122,

    /// <summary>Reconfiguration is disabled.</summary>
    ReconfigDisabled = -123,

    /// <summary>The session was closed because it required SASL authentication.</summary>
    SessionClosedRequireSaslAuth = -124,

    /// <summary>A quota was exceeded.</summary>
    QuotaExceeded = -125,

    /// <summary>The server throttled the operation.</summary>
    Throttled = -127,
}
