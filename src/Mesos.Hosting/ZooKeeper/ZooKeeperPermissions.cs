namespace Mesos.Hosting.ZooKeeper;

/// <summary>What an ACL entry allows (ZooDefs.Perms).</summary>
[Flags]
internal enum ZooKeeperPermissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Create = 4,
    Delete = 8,
    Admin = 16,
    All = Read | Write | Create | Delete | Admin,
}
