namespace Mesos.Hosting.ZooKeeper;

/// <summary>Which watch a read leaves behind: ZooKeeper keeps data, exist and child watches apart.</summary>
internal enum ZooKeeperWatchKind
{
    None,

    /// <summary>getData: fires when the node's data changes or the node goes.</summary>
    Data,

    /// <summary>exists: a data watch when the node exists, an exist watch (fires on creation) when it does not.</summary>
    Exists,

    /// <summary>getChildren: fires when a child comes or goes, or the node goes.</summary>
    Children,
}
