using System.Globalization;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// A member of a group: a child node named <c>label_0000000007</c>. Parsed by Mesos's rule
/// (src/zookeeper/group.cpp): split on <c>_</c>; the last piece must be a number, the sequence;
/// with more than one piece, the first is the label. Other children (<c>log_replicas</c>) are no members.
/// </summary>
internal sealed record ZooKeeperGroupMember(string Name, string? Label, int Sequence)
{
    public static ZooKeeperGroupMember? TryParse(string name)
    {
        var pieces = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length == 0 || !int.TryParse(pieces[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        return new ZooKeeperGroupMember(name, pieces.Length > 1 ? pieces[0] : null, sequence);
    }

    /// <summary>Throws unless <paramref name="label"/> can name members that parse back to it.</summary>
    public static void ValidateLabel(string label)
    {
        if (label.Length == 0 || label.Contains('_', StringComparison.Ordinal) || label.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The group label '{label}' is invalid: it must be non-empty, without '_' or '/'.", nameof(label));
        }
    }
}
