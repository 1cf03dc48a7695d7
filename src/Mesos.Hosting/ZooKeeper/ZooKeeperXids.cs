namespace Mesos.Hosting.ZooKeeper;

/// <summary>The xids ZooKeeper reserves for frames that answer no numbered request (ClientCnxn).</summary>
internal static class ZooKeeperXids
{
    public const int Notification = -1;
    public const int Ping = -2;
    public const int Auth = -4;
    public const int SetWatches = -8;
}
