namespace Mesos.Hosting.ZooKeeper;

/// <summary>The flags of a create request: an ephemeral node ends with its session; a sequential one gets a 10-digit counter appended.</summary>
[Flags]
internal enum ZooKeeperCreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    Sequential = 2,
    EphemeralSequential = Ephemeral | Sequential,
}
