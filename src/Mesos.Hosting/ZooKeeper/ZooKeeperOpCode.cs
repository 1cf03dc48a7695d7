namespace Mesos.Hosting.ZooKeeper;

/// <summary>The request types this client sends (ZooDefs.OpCode), and its reserved xids.</summary>
internal enum ZooKeeperOpCode
{
    Create = 1,
    Delete = 2,
    Exists = 3,
    GetData = 4,
    SetData = 5,
    Ping = 11,
    GetChildren2 = 12,
    Create2 = 15,
    Auth = 100,
    SetWatches = 101,
    CloseSession = -11,
}
