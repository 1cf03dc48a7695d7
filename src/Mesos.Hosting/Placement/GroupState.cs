namespace Mesos.Hosting.Placement;

/// <summary>The counts of one group of tasks, per field its counting constraints name.</summary>
internal sealed class GroupState(string name)
{
    private readonly Dictionary<string, GroupCounts> _byField = new(StringComparer.Ordinal);
    private readonly List<GroupCounts> _tracked = [];

    public string Name { get; } = name;

    /// <summary>Tasks placed in this group during the match; a pending reason cached earlier may be stale once it moves.</summary>
    public int Placements { get; private set; }

    public GroupCounts CountsFor(FieldValues field)
    {
        if (!_byField.TryGetValue(field.Field, out var counts))
        {
            counts = new GroupCounts(field);
            _byField.Add(field.Field, counts);
            _tracked.Add(counts);
        }

        return counts;
    }

    public void RecordPlacement(int agent)
    {
        foreach (var counts in _tracked)
        {
            counts.Add(counts.Field.ByAgent[agent]);
        }

        Placements++;
    }

    public void RecordRunning(TaskPlacement placement)
    {
        foreach (var counts in _tracked)
        {
            counts.Add(counts.Field.IdOf(placement));
        }
    }
}
