using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>One ACL entry: an identity (<paramref name="Scheme"/>, <paramref name="Id"/>) and what it may do.</summary>
internal sealed record ZooKeeperAcl(ZooKeeperPermissions Permissions, string Scheme, string Id)
{
    /// <summary>Anyone may do anything (ZooDefs.Ids.OPEN_ACL_UNSAFE).</summary>
    public static IReadOnlyList<ZooKeeperAcl> OpenUnsafe { get; } = [new(ZooKeeperPermissions.All, "world", "anyone")];

    /// <summary>Only the identities the creating session authenticated as (ZooDefs.Ids.CREATOR_ALL_ACL).</summary>
    public static IReadOnlyList<ZooKeeperAcl> CreatorAll { get; } = [new(ZooKeeperPermissions.All, "auth", string.Empty)];

    /// <summary>
    /// Anyone may read, only the creator may change: what Mesos puts on its nodes when it authenticates,
    /// so that every framework can find the leading master.
    /// </summary>
    public static IReadOnlyList<ZooKeeperAcl> AnyoneReadCreatorAll { get; } =
        [new(ZooKeeperPermissions.Read, "world", "anyone"), new(ZooKeeperPermissions.All, "auth", string.Empty)];

    /// <summary>
    /// The entry for a <c>digest</c> identity, named as the server names it:
    /// <c>user:base64(sha1("user:password"))</c>.
    /// </summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "ZooKeeper's digest scheme is defined on SHA-1.")]
    public static ZooKeeperAcl Digest(ZooKeeperCredentials credentials, ZooKeeperPermissions permissions)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(credentials.User + ":" + credentials.Password));
        return new ZooKeeperAcl(permissions, ZooKeeperCredentials.Scheme, credentials.User + ":" + Convert.ToBase64String(hash));
    }
}
