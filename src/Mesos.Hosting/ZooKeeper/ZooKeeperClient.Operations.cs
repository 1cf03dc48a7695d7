namespace Mesos.Hosting.ZooKeeper;

/// <summary>The operations. Paths are relative to the chroot; each fails with <see cref="ZooKeeperException"/>.</summary>
internal sealed partial class ZooKeeperClient
{
    private static readonly ZooKeeperErrorCode[] NoNodeAccepted = [ZooKeeperErrorCode.NoNode];

    /// <summary>Creates a node and returns its path: for a sequential node, with the counter the server appended.</summary>
    public async Task<string> CreateAsync(
        string path, ReadOnlyMemory<byte> data, IReadOnlyList<ZooKeeperAcl> acl, ZooKeeperCreateMode mode, CancellationToken cancellationToken) =>
        (await CreateNodeAsync(path, data, acl, mode, cancellationToken).ConfigureAwait(false)).Path;

    /// <summary>
    /// Creates a node (create2) and returns its path and metadata: an ephemeral node's
    /// <see cref="ZooKeeperStat.EphemeralOwner"/> names the session it lives and dies with.
    /// </summary>
    public async Task<(string Path, ZooKeeperStat Stat)> CreateNodeAsync(
        string path, ReadOnlyMemory<byte> data, IReadOnlyList<ZooKeeperAcl> acl, ZooKeeperCreateMode mode, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ZooKeeperPath.Validate(path, mode.HasFlag(ZooKeeperCreateMode.Sequential));
        if (acl.Count == 0)
        {
            throw new ArgumentException("A node needs at least one ACL entry.", nameof(acl));
        }

        var reply = await SendAsync(ZooKeeperOpCode.Create2, path, ZooKeeperWatchKind.None, (w, serverPath) =>
        {
            w.WriteString(serverPath);
            w.WriteBuffer(data.Span);
            w.WriteAcls(acl);
            w.WriteInt32((int)mode);
        }, cancellationToken).ConfigureAwait(false);

        return Parse(reply, ZooKeeperOpCode.Create2, path, r =>
            r.ReadString() is { } created && ZooKeeperPath.Problem(created) is null && ZooKeeperPath.ToClient(Chroot, created) is { } relative
                ? (relative, ZooKeeperStat.Read(r))
                : throw new InvalidDataException("the created path is missing, invalid or outside the chroot"));
    }

    /// <summary>Deletes a node; <paramref name="version"/> -1 matches any version.</summary>
    public async Task DeleteAsync(string path, int version, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ZooKeeperPath.Validate(path);
        await SendAsync(ZooKeeperOpCode.Delete, path, ZooKeeperWatchKind.None, (w, serverPath) =>
        {
            w.WriteString(serverPath);
            w.WriteInt32(version);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The node's metadata; null when it does not exist.</summary>
    public async Task<ZooKeeperStat?> ExistsAsync(string path, CancellationToken cancellationToken) =>
        (await ExistsAsync(path, ZooKeeperWatchKind.None, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>As <see cref="ExistsAsync(string, CancellationToken)"/>, and a watch: creation if absent, change or deletion if present.</summary>
    public Task<ZooKeeperWatched<ZooKeeperStat?>> WatchExistsAsync(string path, CancellationToken cancellationToken) =>
        ExistsAsync(path, ZooKeeperWatchKind.Exists, cancellationToken);

    public async Task<ZooKeeperNode> GetDataAsync(string path, CancellationToken cancellationToken) =>
        (await GetDataAsync(path, ZooKeeperWatchKind.None, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The node's data, and a watch on its data and existence.</summary>
    public Task<ZooKeeperWatched<ZooKeeperNode>> WatchDataAsync(string path, CancellationToken cancellationToken) =>
        GetDataAsync(path, ZooKeeperWatchKind.Data, cancellationToken);

    /// <summary>Replaces a node's data if its version is <paramref name="version"/> (-1: any); returns the new metadata.</summary>
    public async Task<ZooKeeperStat> SetDataAsync(string path, ReadOnlyMemory<byte> data, int version, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ZooKeeperPath.Validate(path);
        var reply = await SendAsync(ZooKeeperOpCode.SetData, path, ZooKeeperWatchKind.None, (w, serverPath) =>
        {
            w.WriteString(serverPath);
            w.WriteBuffer(data.Span);
            w.WriteInt32(version);
        }, cancellationToken).ConfigureAwait(false);
        return Parse(reply, ZooKeeperOpCode.SetData, path, ZooKeeperStat.Read);
    }

    public async Task<ZooKeeperChildren> GetChildrenAsync(string path, CancellationToken cancellationToken) =>
        (await GetChildrenAsync(path, ZooKeeperWatchKind.None, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The node's children, and a watch on them (and on the node's deletion).</summary>
    public Task<ZooKeeperWatched<ZooKeeperChildren>> WatchChildrenAsync(string path, CancellationToken cancellationToken) =>
        GetChildrenAsync(path, ZooKeeperWatchKind.Children, cancellationToken);

    /// <summary>Creates <paramref name="path"/> and any missing parent as persistent, empty nodes; existing ones are kept.</summary>
    public async Task EnsurePathAsync(string path, IReadOnlyList<ZooKeeperAcl> acl, CancellationToken cancellationToken)
    {
        ZooKeeperPath.Validate(path);
        if (path == "/" || await ExistsAsync(path, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        for (var slash = path.IndexOf('/', 1); ; slash = path.IndexOf('/', slash + 1))
        {
            var prefix = slash < 0 ? path : path[..slash];
            try
            {
                await CreateAsync(prefix, ReadOnlyMemory<byte>.Empty, acl, ZooKeeperCreateMode.Persistent, cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NodeExists)
            {
                // Created by someone else, or there all along.
            }

            if (slash < 0)
            {
                return;
            }
        }
    }

    private async Task<ZooKeeperWatched<ZooKeeperStat?>> ExistsAsync(string path, ZooKeeperWatchKind watch, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ZooKeeperPath.Validate(path);
        var reply = await SendAsync(ZooKeeperOpCode.Exists, path, watch, WritePathAndWatch(watch), NoNodeAccepted, cancellationToken).ConfigureAwait(false);
        var stat = reply.Error == ZooKeeperErrorCode.NoNode ? null : Parse(reply, ZooKeeperOpCode.Exists, path, ZooKeeperStat.Read);
        return new ZooKeeperWatched<ZooKeeperStat?>(stat, WatchOf(reply));
    }

    private async Task<ZooKeeperWatched<ZooKeeperNode>> GetDataAsync(string path, ZooKeeperWatchKind watch, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ZooKeeperPath.Validate(path);
        var reply = await SendAsync(ZooKeeperOpCode.GetData, path, watch, WritePathAndWatch(watch), cancellationToken).ConfigureAwait(false);
        var node = Parse(reply, ZooKeeperOpCode.GetData, path, r => new ZooKeeperNode(r.ReadBuffer(), ZooKeeperStat.Read(r)));
        return new ZooKeeperWatched<ZooKeeperNode>(node, WatchOf(reply));
    }

    private async Task<ZooKeeperWatched<ZooKeeperChildren>> GetChildrenAsync(string path, ZooKeeperWatchKind watch, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ZooKeeperPath.Validate(path);
        var reply = await SendAsync(ZooKeeperOpCode.GetChildren2, path, watch, WritePathAndWatch(watch), cancellationToken).ConfigureAwait(false);
        var children = Parse(reply, ZooKeeperOpCode.GetChildren2, path, r => new ZooKeeperChildren(ReadNames(r), ZooKeeperStat.Read(r)));
        return new ZooKeeperWatched<ZooKeeperChildren>(children, WatchOf(reply));
    }

    // Callers build paths from these names: a name that is not one node's name is refused.
    private static IReadOnlyList<string> ReadNames(JuteReader reader)
    {
        var names = reader.ReadStrings();
        return names.FirstOrDefault(name => name.Length == 0 || name.Contains('/', StringComparison.Ordinal)) is { } bad
            ? throw new InvalidDataException($"the child name '{bad}' is not a node name")
            : names;
    }

    private static Action<JuteWriter, string> WritePathAndWatch(ZooKeeperWatchKind watch) => (w, serverPath) =>
    {
        w.WriteString(serverPath);
        w.WriteBoolean(watch != ZooKeeperWatchKind.None);
    };

    // A read that asked for no watch gets one that never fires: callers that did not ask never look at it.
    private static Task<ZooKeeperWatchEvent> WatchOf(ZooKeeperReply reply) => reply.Watch ?? NeverFires;

    private static readonly Task<ZooKeeperWatchEvent> NeverFires = new TaskCompletionSource<ZooKeeperWatchEvent>().Task;
}
