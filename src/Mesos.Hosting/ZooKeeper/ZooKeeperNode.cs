namespace Mesos.Hosting.ZooKeeper;

/// <summary>A node's data and metadata.</summary>
internal sealed record ZooKeeperNode(ReadOnlyMemory<byte> Data, ZooKeeperStat Stat);
