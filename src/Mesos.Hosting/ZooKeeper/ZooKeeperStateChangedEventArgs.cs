namespace Mesos.Hosting.ZooKeeper;

/// <summary>A change of a client's <see cref="ZooKeeperState"/>, for the session <see cref="SessionId"/> (0 when none).</summary>
internal sealed class ZooKeeperStateChangedEventArgs(ZooKeeperState state, long sessionId) : EventArgs
{
    public ZooKeeperState State { get; } = state;

    public long SessionId { get; } = sessionId;
}
