namespace Mesos.Hosting.ZooKeeper;

/// <summary>A node's children, by name, in the order the server listed them, and the node's metadata.</summary>
internal sealed record ZooKeeperChildren(IReadOnlyList<string> Names, ZooKeeperStat Stat);
