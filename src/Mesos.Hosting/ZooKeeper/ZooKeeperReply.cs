namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// A server's reply to one request: the error code, the body behind the reply header, and the watch the
/// request left, if it asked for one and the server set it.
/// </summary>
internal sealed record ZooKeeperReply(long Zxid, ZooKeeperErrorCode Error, ReadOnlyMemory<byte> Body, Task<ZooKeeperWatchEvent>? Watch);
