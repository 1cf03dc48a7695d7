namespace Mesos.Hosting.ZooKeeper;

/// <summary>Why a membership of a <see cref="ZooKeeperGroup"/> ended.</summary>
internal enum ZooKeeperMembershipEnd
{
    /// <summary>The member left: its node was deleted through <see cref="ZooKeeperGroup.LeaveAsync"/>.</summary>
    Left,

    /// <summary>The session that held the node expired, and the node with it.</summary>
    SessionExpired,

    /// <summary>Someone else deleted the node.</summary>
    Deleted,

    /// <summary>The client was disposed, which closed the session.</summary>
    ClientClosed,
}
