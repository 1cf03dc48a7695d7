namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// This process's own membership of a group: its ephemeral node, the session that holds it, and
/// <see cref="Ended"/>, which completes once the membership is over, saying why. A holder of a
/// leadership must stop acting as leader when it completes.
/// </summary>
internal sealed class ZooKeeperMembership(ZooKeeperGroupMember member, string path, long sessionId)
{
    private readonly TaskCompletionSource<ZooKeeperMembershipEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ZooKeeperGroupMember Member { get; } = member;

    /// <summary>The member's node, relative to the client's chroot.</summary>
    public string Path { get; } = path;

    /// <summary>The session the node lives and dies with.</summary>
    public long SessionId { get; } = sessionId;

    public Task<ZooKeeperMembershipEnd> Ended => _ended.Task;

    public bool IsActive => !_ended.Task.IsCompleted;

    /// <summary>Ends the membership; false when it had already ended.</summary>
    internal bool End(ZooKeeperMembershipEnd reason) => _ended.TrySetResult(reason);
}
