using System.Collections.Concurrent;
using Mesos.Hosting.Workloads;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// An <see cref="IWorkloadStore"/> in ZooKeeper, for schedulers in high availability: whichever instance leads
/// next loads what the last leader wrote. Under the root (whose data is the format marker), <c>work/&lt;id&gt;</c>
/// holds a work item and its children <c>work/&lt;id&gt;/&lt;task id&gt;</c> its attempts, IDs percent-encoded.
/// Attempts live under their work so that removing work is one listing and its deletes, with no index to keep,
/// and loading needs no record of which work an attempt belongs to: its parent says so.
/// A write returns once ZooKeeper has acknowledged every node, which a quorum has then logged to disk.
/// </summary>
internal sealed partial class ZooKeeperWorkloadStore : IWorkloadStore, IDisposable
{
    /// <summary>The largest record data this store writes: ZooKeeper refuses requests over about 1 MiB (jute.maxbuffer).</summary>
    public const int MaxRecordBytes = 1_000_000;

    // Requests pipelined on the session at once when loading or writing many nodes.
    private const int InFlight = 64;

    private readonly ZooKeeperClient _client;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<ZooKeeperAcl> _acl;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private bool _claimed;

    public ZooKeeperWorkloadStore(ZooKeeperClient client, string path, ILogger logger)
    {
        ZooKeeperPath.Validate(path);
        _client = client;
        _logger = logger;
        // Work data may carry commands and environments: with credentials, only they can read it.
        _acl = client.Credentials is null ? ZooKeeperAcl.OpenUnsafe : ZooKeeperAcl.CreatorAll;
        Path = path;
        WorkPath = ZooKeeperPath.Combine(path, "work");
    }

    /// <summary>The root node of the store.</summary>
    public string Path { get; }

    private string WorkPath { get; }

    public async ValueTask<WorkloadStoreSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ClaimAsync(cancellationToken).ConfigureAwait(false);
            var work = new ConcurrentBag<StoredWork>();
            var attemptNodes = new ConcurrentBag<(string WorkId, string Node)>();
            var names = (await _client.GetChildrenAsync(WorkPath, cancellationToken).ConfigureAwait(false)).Names;
            await ForEachAsync(names, async (name, token) =>
            {
                var node = ZooKeeperPath.Combine(WorkPath, name);
                var id = IdOf(node);
                if (await DataOrNullAsync(node, token).ConfigureAwait(false) is not { } data)
                {
                    return;
                }

                work.Add(new StoredWork(id, data));
                foreach (var child in await ChildrenAsync(node, token).ConfigureAwait(false))
                {
                    attemptNodes.Add((id, ZooKeeperPath.Combine(node, child)));
                }
            }, cancellationToken).ConfigureAwait(false);

            var attempts = new ConcurrentBag<StoredAttempt>();
            await ForEachAsync(attemptNodes, async (attempt, token) =>
            {
                var taskId = IdOf(attempt.Node);
                if (await DataOrNullAsync(attempt.Node, token).ConfigureAwait(false) is { } data)
                {
                    attempts.Add(new StoredAttempt(taskId, attempt.WorkId, data));
                }
            }, cancellationToken).ConfigureAwait(false);

            WorkloadStoreLog.Loaded(_logger, Path, work.Count, attempts.Count);
            return new WorkloadStoreSnapshot([.. work], [.. attempts]);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Releases the lock the calls take turns on; the session is its owner's to close.</summary>
    public void Dispose() => _turn.Dispose();

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, body);

    private static string IdOf(string node) =>
        ZooKeeperWorkloadNames.Decode(ZooKeeperPath.Name(node))
        ?? throw new WorkloadStoreException($"The ZooKeeper node '{node}' in the workload store is not named by an encoded ID: the store holds nodes that are not its own.");

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        if (_claimed)
        {
            return;
        }

        await ZooKeeperWorkloadFormat.ClaimAsync(_client, Path, _acl, cancellationToken).ConfigureAwait(false);
        await _client.EnsurePathAsync(WorkPath, _acl, cancellationToken).ConfigureAwait(false);
        _claimed = true;
    }

    // A node deleted between its listing and its read was removed by a write: it is simply not there.
    private async Task<ReadOnlyMemory<byte>?> DataOrNullAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            return (await Retried(node, () => _client.GetDataAsync(node, cancellationToken)).ConfigureAwait(false)).Data;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<string>> ChildrenAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            return (await Retried(node, () => _client.GetChildrenAsync(node, cancellationToken)).ConfigureAwait(false)).Names;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return [];
        }
    }
}
