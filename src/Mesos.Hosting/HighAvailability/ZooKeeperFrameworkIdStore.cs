using System.Text;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.Hosting.ZooKeeper;
using Mesos.V1;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Keeps the framework ID in a ZooKeeper node beside the scheduler election, so that whichever instance leads
/// next resumes the same framework. With credentials, only they may change it (anyone may read it).
/// </summary>
internal sealed class ZooKeeperFrameworkIdStore(ZooKeeperClient client, string path) : IFrameworkIdStore
{
    private static readonly ZooKeeperErrorCode[] Absent = [ZooKeeperErrorCode.NoNode];

    private readonly IReadOnlyList<ZooKeeperAcl> _acl = client.Credentials is null ? ZooKeeperAcl.OpenUnsafe : ZooKeeperAcl.AnyoneReadCreatorAll;

    /// <summary>The node holding the ID.</summary>
    public string Path { get; } = path;

    public async ValueTask<FrameworkID?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var node = await client.GetDataAsync(Path, cancellationToken).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(node.Data.Span).Trim();
            return text.Length == 0 ? null : MesosId.Of<FrameworkID>(text);
        }
        catch (ZooKeeperException ex) when (Absent.Contains(ex.Code))
        {
            return null;
        }
    }

    public async ValueTask SaveAsync(FrameworkID frameworkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frameworkId);
        var data = Encoding.UTF8.GetBytes(frameworkId.Value);
        try
        {
            await client.SetDataAsync(Path, data, version: -1, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex) when (Absent.Contains(ex.Code))
        {
            await client.EnsurePathAsync(ParentOf(Path), _acl, cancellationToken).ConfigureAwait(false);
            await client.CreateAsync(Path, data, _acl, ZooKeeperCreateMode.Persistent, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteAsync(Path, version: -1, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex) when (Absent.Contains(ex.Code))
        {
        }
    }

    private static string ParentOf(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";
}
