using System.Globalization;
using System.Text;
using Mesos.Hosting.Workloads;
using Mesos.Hosting.ZooKeeper;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// The workload store's root node says what it is: its data is a format tag of ours with the layout's version.
/// A missing root, or an empty one with no children, is claimed; anything else not of this version is refused
/// before a single node is written.
/// </summary>
internal static class ZooKeeperWorkloadFormat
{
    public const int Version = 1;

    private const string Tag = "mesos-hosting-workloads ";

    private static readonly byte[] Marker = Encoding.UTF8.GetBytes(Tag + Version.ToString(CultureInfo.InvariantCulture));

    /// <summary>Makes sure <paramref name="root"/> is a workload store of this version, creating or claiming it if it is free.</summary>
    public static async Task ClaimAsync(ZooKeeperClient client, string root, IReadOnlyList<ZooKeeperAcl> acl, CancellationToken cancellationToken)
    {
        while (true)
        {
            ZooKeeperNode node;
            try
            {
                node = await client.GetDataAsync(root, cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                if (await TryCreateAsync(client, root, acl, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (node.Data.Span.SequenceEqual(Marker))
            {
                return;
            }

            if (node.Data.Length > 0 || node.Stat.ChildCount > 0)
            {
                throw new WorkloadStoreException(
                    $"The ZooKeeper node '{root}' holds {Describe(node)}: it is not a Mesos.Hosting workload store this version can use, "
                    + "and nothing was written. Point the store at another path, or remove the node.");
            }

            if (await TryClaimAsync(client, root, node.Stat.Version, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static async Task<bool> TryCreateAsync(ZooKeeperClient client, string root, IReadOnlyList<ZooKeeperAcl> acl, CancellationToken cancellationToken)
    {
        var parent = root.LastIndexOf('/') is > 0 and var slash ? root[..slash] : "/";
        await client.EnsurePathAsync(parent, acl, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.CreateAsync(root, Marker, acl, ZooKeeperCreateMode.Persistent, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NodeExists)
        {
            // Another instance created it first: read what it wrote.
            return false;
        }
    }

    // An empty, childless node (made by hand, or by a path being ensured) is free; the version check makes two
    // claimants agree, and whoever loses reads the winner's marker.
    private static async Task<bool> TryClaimAsync(ZooKeeperClient client, string root, int version, CancellationToken cancellationToken)
    {
        try
        {
            await client.SetDataAsync(root, Marker, version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.BadVersion or ZooKeeperErrorCode.NoNode)
        {
            return false;
        }
    }

    private static string Describe(ZooKeeperNode node)
    {
        var text = Encoding.UTF8.GetString(node.Data.Span);
        if (text.StartsWith(Tag, StringComparison.Ordinal) && int.TryParse(text[Tag.Length..], CultureInfo.InvariantCulture, out var version))
        {
            var which = version > Version ? "a newer" : "an unknown";
            return $"{which} workload store layout (version {version}; this version of Mesos.Hosting reads version {Version})";
        }

        if (node.Data.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no format marker and {node.Stat.ChildCount} children");
        }

        var shown = new string([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return string.Create(CultureInfo.InvariantCulture, $"other data ({node.Data.Length} bytes: \"{shown}\")");
    }
}
