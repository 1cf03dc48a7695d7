using System.Globalization;
using Mesos.Hosting.Workloads;
using Mesos.Hosting.ZooKeeper;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Writing: the batch's work, then its attempts, then its removals, each phase pipelined and finished before the
/// next (an attempt's node needs its work's). Every operation is idempotent, so one that lost its connection is
/// sent again once the session is back, on whichever server it moved to.
/// </summary>
internal sealed partial class ZooKeeperWorkloadStore
{
    private const int Tries = 5;

    public async ValueTask WriteAsync(WorkloadStoreChanges changes, CancellationToken cancellationToken)
    {
        WorkloadStoreChecks.ThrowIfInvalid(changes);
        ThrowIfTooLarge(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ClaimAsync(cancellationToken).ConfigureAwait(false);

            // Within a phase the nodes are written at once, so of one ID put twice only the last is sent.
            await ForEachAsync(Last(changes.PutWork, work => work.Id), (work, token) =>
                UpsertAsync(WorkNode(work.Id), work.Data, token), cancellationToken).ConfigureAwait(false);
            await ForEachAsync(Last(changes.PutAttempts, attempt => attempt.TaskId), (attempt, token) =>
                UpsertAsync(AttemptNode(attempt), attempt.Data, token), cancellationToken).ConfigureAwait(false);
            await ForEachAsync(changes.RemoveWork.Distinct(StringComparer.Ordinal), (id, token) =>
                RemoveAsync(WorkNode(id), token), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private static IEnumerable<T> Last<T>(IEnumerable<T> records, Func<T, string> id) =>
        records.GroupBy(id, StringComparer.Ordinal).Select(group => group.Last());

    private static void ThrowIfTooLarge(WorkloadStoreChanges changes)
    {
        var tooLarge = changes.PutWork.Select(work => (What: $"work '{work.Id}'", work.Data.Length))
            .Concat(changes.PutAttempts.Select(attempt => (What: $"attempt '{attempt.TaskId}'", attempt.Data.Length)))
            .FirstOrDefault(record => record.Length > MaxRecordBytes);
        if (tooLarge.What is not null)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The data of {tooLarge.What} is {tooLarge.Length} bytes, over the ZooKeeper workload store's limit of {MaxRecordBytes} bytes; nothing of the batch was written."),
                nameof(changes));
        }
    }

    private string WorkNode(string id) => ZooKeeperPath.Combine(WorkPath, ZooKeeperWorkloadNames.Encode(id));

    private string AttemptNode(StoredAttempt attempt) => ZooKeeperPath.Combine(WorkNode(attempt.WorkId), ZooKeeperWorkloadNames.Encode(attempt.TaskId));

    // Set, or create when missing; created by someone else in between: set again.
    private async ValueTask UpsertAsync(string node, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Retried(node, () => _client.SetDataAsync(node, data, version: -1, cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
            }

            try
            {
                await Retried(node, () => _client.CreateAsync(node, data, _acl, ZooKeeperCreateMode.Persistent, cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NodeExists)
            {
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                throw new InvalidOperationException(
                    $"The attempt node '{node}' has no work node above it: an attempt's work must be stored before or with it.", ex);
            }
        }
    }

    // The work's attempts, then the work; an attempt added in between makes the delete fail, and the round repeat.
    private async ValueTask RemoveAsync(string node, CancellationToken cancellationToken)
    {
        while (true)
        {
            var children = await ChildrenAsync(node, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(children.Select(child => DeleteAsync(ZooKeeperPath.Combine(node, child), cancellationToken))).ConfigureAwait(false);
            try
            {
                await DeleteAsync(node, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NotEmpty)
            {
            }
        }
    }

    private async Task DeleteAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            await Retried(node, async () =>
            {
                await _client.DeleteAsync(node, version: -1, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
        }
    }

    // The client fails what was in flight when a connection drops and waits for the next one on the next request.
    private async Task<T> Retried<T>(string node, Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.SessionMoved && attempt < Tries)
            {
                WorkloadStoreLog.Retrying(_logger, Path, node);
            }
        }
    }
}
