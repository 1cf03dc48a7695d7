namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// What a read returned, and its one-shot watch: <see cref="Changed"/> completes once, on the first change
/// after the read, and survives reconnections; it faults with <see cref="ZooKeeperException"/>
/// (<see cref="ZooKeeperErrorCode.SessionExpired"/>) when the session expires, or
/// <see cref="ObjectDisposedException"/> when the client is disposed.
/// </summary>
internal sealed record ZooKeeperWatched<T>(T Value, Task<ZooKeeperWatchEvent> Changed);
