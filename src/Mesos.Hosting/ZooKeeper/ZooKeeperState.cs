namespace Mesos.Hosting.ZooKeeper;

/// <summary>Where a <see cref="ZooKeeperClient"/>'s session stands.</summary>
internal enum ZooKeeperState
{
    /// <summary>No session yet: establishing one.</summary>
    Connecting,

    /// <summary>The session is live on a server.</summary>
    Connected,

    /// <summary>
    /// The connection was lost; the session may still be alive and the client is reconnecting to it.
    /// Whatever the session holds (an ephemeral node, a leadership) must be treated as uncertain.
    /// </summary>
    Suspended,

    /// <summary>
    /// The session is gone (the server said so, or no server was reached within the session timeout):
    /// its ephemeral nodes and watches are lost. The client goes on to establish a new session.
    /// </summary>
    Expired,

    /// <summary>The server refused the credentials; the client has stopped.</summary>
    AuthFailed,

    /// <summary>The client was disposed.</summary>
    Closed,
}
