using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// A group under one node, as Mesos's <c>zookeeper::Group</c> keeps it: a member joins with an ephemeral
/// sequential child (<c>label_0000000007</c>) holding its data, the members are watched as a live
/// sequence of sets, and the leader is the oldest member. A membership ends when its session expires;
/// <see cref="ZooKeeperMembership.Ended"/> says so. Masters' <c>json.info_</c> nodes and schedulers'
/// leader election both stand on this.
/// </summary>
internal sealed class ZooKeeperGroup : IDisposable
{
    private readonly ZooKeeperClient _client;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<ZooKeeperAcl> _acl;
    private readonly Dictionary<string, ZooKeeperMembership> _owned = new(StringComparer.Ordinal);
    private readonly object _sync = new();

    public ZooKeeperGroup(ZooKeeperClient client, string path, ILogger logger)
    {
        ZooKeeperPath.Validate(path);
        _client = client;
        _logger = logger;
        Path = path;

        // As Mesos: with credentials, anyone may read the members (to find the leader), only the creator change them.
        _acl = client.Credentials is null ? ZooKeeperAcl.OpenUnsafe : ZooKeeperAcl.AnyoneReadCreatorAll;
        client.StateChanged += OnStateChanged;
    }

    public string Path { get; }

    /// <summary>
    /// Joins the group (creating its node if need be) as <c>label_NNNNNNNNNN</c> holding <paramref name="data"/>, once
    /// the nodes of that label an earlier join of this session left behind are deleted.
    /// </summary>
    public async Task<ZooKeeperMembership> JoinAsync(string label, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ZooKeeperGroupMember.ValidateLabel(label);
        await _client.EnsurePathAsync(Path, _acl, cancellationToken).ConfigureAwait(false);
        await DeleteLeftoversAsync(label, cancellationToken).ConfigureAwait(false);
        var (path, stat) = await _client.CreateNodeAsync(
            ZooKeeperPath.Combine(Path, label + "_"), data, _acl, ZooKeeperCreateMode.EphemeralSequential, cancellationToken).ConfigureAwait(false);

        var member = ZooKeeperGroupMember.TryParse(ZooKeeperPath.Name(path))
            ?? throw new InvalidDataException($"ZooKeeper named the new member '{path}', which has no sequence number.");
        var membership = new ZooKeeperMembership(member, path, stat.EphemeralOwner);
        lock (_sync)
        {
            _owned[member.Name] = membership;
        }

        ZooKeeperLog.Joined(_logger, Path, member.Name);

        // The session may have expired between the reply and now; then the state event has come and gone.
        if (_client.SessionId != membership.SessionId)
        {
            End(membership, ZooKeeperMembershipEnd.SessionExpired);
        }

        return membership;
    }

    /// <summary>Leaves the group; false when the membership had already ended (expired, deleted, left).</summary>
    public async Task<bool> LeaveAsync(ZooKeeperMembership membership, CancellationToken cancellationToken)
    {
        if (!membership.IsActive)
        {
            return false;
        }

        try
        {
            await _client.DeleteAsync(membership.Path, version: -1, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            End(membership, ZooKeeperMembershipEnd.Deleted);
            return false;
        }

        ZooKeeperLog.Left(_logger, Path, membership.Member.Name);
        End(membership, ZooKeeperMembershipEnd.Left);
        return true;
    }

    /// <summary>A member's data; null when the member is gone (a member can leave between a listing and a read).</summary>
    public async Task<ReadOnlyMemory<byte>?> GetDataAsync(ZooKeeperGroupMember member, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.GetDataAsync(ZooKeeperPath.Combine(Path, member.Name), cancellationToken).ConfigureAwait(false)).Data;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
    }

    /// <summary>
    /// The members, as soon as they differ from <paramref name="expected"/> (at once when it is null).
    /// When the session expires the group is empty, as far as this process can know, until a new session reads it again.
    /// </summary>
    public async Task<ZooKeeperGroupMembers> WatchAsync(ZooKeeperGroupMembers? expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (members, changed) = await ReadMembersAsync(cancellationToken).ConfigureAwait(false);
            if (!members.Equals(expected))
            {
                return members;
            }

            try
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.SessionExpired)
            {
                if (!expected.IsEmpty)
                {
                    return ZooKeeperGroupMembers.Empty;
                }
            }
        }
    }

    /// <summary>Every distinct set of members, starting with the current one, until cancelled.</summary>
    public async IAsyncEnumerable<ZooKeeperGroupMembers> WatchMembersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ZooKeeperGroupMembers? current = null;
        while (true)
        {
            current = await WatchAsync(current, cancellationToken).ConfigureAwait(false);
            yield return current;
        }
    }

    public void Dispose() => _client.StateChanged -= OnStateChanged;

    /// <summary>The members now, and a task that completes when they may have changed.</summary>
    private async Task<(ZooKeeperGroupMembers Members, Task Changed)> ReadMembersAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var children = await _client.WatchChildrenAsync(Path, cancellationToken).ConfigureAwait(false);
                var members = ZooKeeperGroupMembers.From(children.Value.Names);
                EndDeleted(members);
                return (members, children.Changed);
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                // No group node yet: no members, until it is created.
                var exists = await _client.WatchExistsAsync(Path, cancellationToken).ConfigureAwait(false);
                if (exists.Value is null)
                {
                    return (ZooKeeperGroupMembers.Empty, exists.Changed);
                }
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.SessionExpired)
            {
                return (ZooKeeperGroupMembers.Empty, Task.CompletedTask);
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.RequestTimeout)
            {
                // The next attempt waits for the client to reconnect.
            }
        }
    }

    // A create whose reply never came (the connection dropped, or the request timed out, after the server made the
    // node) leaves a node of this session that no membership holds. It would keep a place in the group, ahead of the
    // member joining now, for as long as the session lives: in an election, a leader that no instance is. So a join
    // first deletes this session's nodes of its label that this group does not hold. One group per path and session,
    // as every user here has it: another's members would look left over.
    private async Task DeleteLeftoversAsync(string label, CancellationToken cancellationToken)
    {
        ZooKeeperChildren children;
        try
        {
            children = await _client.GetChildrenAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return;
        }

        // Between an expiry and the next session there is none, and persistent nodes are owned by session 0.
        var sessionId = _client.SessionId;
        if (sessionId == 0)
        {
            return;
        }

        foreach (var name in children.Names)
        {
            if (ZooKeeperGroupMember.TryParse(name)?.Label != label || Holds(name))
            {
                continue;
            }

            var path = ZooKeeperPath.Combine(Path, name);
            try
            {
                if (await _client.ExistsAsync(path, cancellationToken).ConfigureAwait(false) is { } stat && stat.EphemeralOwner == sessionId)
                {
                    await _client.DeleteAsync(path, stat.Version, cancellationToken).ConfigureAwait(false);
                    ZooKeeperLog.LeftoverDeleted(_logger, Path, name);
                }
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                // Gone meanwhile.
            }
        }
    }

    private bool Holds(string member)
    {
        lock (_sync)
        {
            return _owned.ContainsKey(member);
        }
    }

    // A listing taken in a live session that lacks one of that session's own nodes: someone deleted it.
    private void EndDeleted(ZooKeeperGroupMembers members)
    {
        var sessionId = _client.SessionId;
        List<ZooKeeperMembership> deleted;
        lock (_sync)
        {
            deleted = [.. _owned.Values.Where(owned => owned.SessionId == sessionId && !members.Contains(owned.Member))];
        }

        foreach (var membership in deleted)
        {
            End(membership, ZooKeeperMembershipEnd.Deleted);
        }
    }

    private void OnStateChanged(object? sender, ZooKeeperStateChangedEventArgs change)
    {
        if (change.State is not (ZooKeeperState.Expired or ZooKeeperState.Closed or ZooKeeperState.AuthFailed))
        {
            return;
        }

        var reason = change.State == ZooKeeperState.Expired ? ZooKeeperMembershipEnd.SessionExpired : ZooKeeperMembershipEnd.ClientClosed;
        List<ZooKeeperMembership> ended;
        lock (_sync)
        {
            ended = [.. _owned.Values.Where(owned => change.State != ZooKeeperState.Expired || owned.SessionId == change.SessionId)];
        }

        foreach (var membership in ended)
        {
            End(membership, reason);
        }
    }

    private void End(ZooKeeperMembership membership, ZooKeeperMembershipEnd reason)
    {
        lock (_sync)
        {
            _owned.Remove(membership.Member.Name);
        }

        if (membership.End(reason) && reason != ZooKeeperMembershipEnd.Left)
        {
            ZooKeeperLog.MembershipLost(_logger, Path, membership.Member.Name, reason);
        }
    }
}
