namespace Mesos.Hosting.ZooKeeper;

/// <summary>The members of a group at one moment, oldest (lowest sequence) first.</summary>
internal sealed class ZooKeeperGroupMembers : IEquatable<ZooKeeperGroupMembers>
{
    private ZooKeeperGroupMembers(IReadOnlyList<ZooKeeperGroupMember> members) => Members = members;

    public static ZooKeeperGroupMembers Empty { get; } = new([]);

    public IReadOnlyList<ZooKeeperGroupMember> Members { get; }

    public bool IsEmpty => Members.Count == 0;

    /// <summary>The members among <paramref name="children"/>; children that are not members are skipped.</summary>
    public static ZooKeeperGroupMembers From(IEnumerable<string> children) => new(
        children.Select(ZooKeeperGroupMember.TryParse)
            .OfType<ZooKeeperGroupMember>()
            .OrderBy(member => member.Sequence)
            .ThenBy(member => member.Name, StringComparer.Ordinal)
            .ToList());

    /// <summary>
    /// The leader: the member with the lowest sequence, among those labelled <paramref name="label"/>
    /// (among all when null); null when there is none.
    /// </summary>
    public ZooKeeperGroupMember? Leader(string? label = null) =>
        Members.FirstOrDefault(member => label is null || member.Label == label);

    public bool Contains(ZooKeeperGroupMember member) => Members.Contains(member);

    public bool Equals(ZooKeeperGroupMembers? other) => other is not null && Members.SequenceEqual(other.Members);

    public override bool Equals(object? obj) => Equals(obj as ZooKeeperGroupMembers);

    public override int GetHashCode() => Members.Aggregate(Members.Count, (hash, member) => HashCode.Combine(hash, member));

    public override string ToString() => "[" + string.Join(", ", Members.Select(member => member.Name)) + "]";
}
