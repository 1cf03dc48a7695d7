namespace Mesos.Hosting.ZooKeeper;

/// <summary>What a watch saw happen (Watcher.Event.EventType), with its wire value.</summary>
internal enum ZooKeeperWatchEventType
{
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
}
