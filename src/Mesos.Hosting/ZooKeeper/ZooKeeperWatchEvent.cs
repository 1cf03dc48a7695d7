namespace Mesos.Hosting.ZooKeeper;

/// <summary>A watch fired: <paramref name="Type"/> happened at <paramref name="Path"/> (relative to the chroot).</summary>
internal sealed record ZooKeeperWatchEvent(ZooKeeperWatchEventType Type, string Path);
