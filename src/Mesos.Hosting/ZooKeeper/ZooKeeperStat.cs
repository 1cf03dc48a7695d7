namespace Mesos.Hosting.ZooKeeper;

/// <summary>A node's metadata as the server reports it (jute <c>org.apache.zookeeper.data.Stat</c>).</summary>
/// <param name="CreatedZxid">The transaction that created the node.</param>
/// <param name="ModifiedZxid">The transaction that last changed its data.</param>
/// <param name="Created">When it was created, in milliseconds since the Unix epoch.</param>
/// <param name="Modified">When its data last changed, in milliseconds since the Unix epoch.</param>
/// <param name="Version">How many times its data changed: what a conditional set or delete names.</param>
/// <param name="ChildrenVersion">How many times its list of children changed.</param>
/// <param name="AclVersion">How many times its ACL changed.</param>
/// <param name="EphemeralOwner">The session that owns it if it is ephemeral; 0 otherwise.</param>
/// <param name="DataLength">The length of its data.</param>
/// <param name="ChildCount">How many children it has.</param>
/// <param name="ChildrenZxid">The transaction that last changed its list of children.</param>
internal sealed record ZooKeeperStat(
    long CreatedZxid,
    long ModifiedZxid,
    long Created,
    long Modified,
    int Version,
    int ChildrenVersion,
    int AclVersion,
    long EphemeralOwner,
    int DataLength,
    int ChildCount,
    long ChildrenZxid)
{
    public bool IsEphemeral => EphemeralOwner != 0;

    public static ZooKeeperStat Read(JuteReader reader) => new(
        CreatedZxid: reader.ReadInt64(),
        ModifiedZxid: reader.ReadInt64(),
        Created: reader.ReadInt64(),
        Modified: reader.ReadInt64(),
        Version: reader.ReadInt32(),
        ChildrenVersion: reader.ReadInt32(),
        AclVersion: reader.ReadInt32(),
        EphemeralOwner: reader.ReadInt64(),
        DataLength: reader.ReadInt32(),
        ChildCount: reader.ReadInt32(),
        ChildrenZxid: reader.ReadInt64());
}
