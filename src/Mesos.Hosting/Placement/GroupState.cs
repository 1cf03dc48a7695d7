namespace Mesos.Hosting.Placement;

/// <summary>The counts of one group of tasks, per field its counting constraints name.</summary>
internal sealed class GroupState(string name)
{
    private readonly Dictionary<string, GroupCounts> _byField = new(StringComparer.Ordinal);
    private readonly List<GroupCounts> _tracked = [];

    public string Name { get; } = name;

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
    }

    public void RecordRunning(TaskPlacement placement)
    {
        foreach (var counts in _tracked)
        {
            counts.Add(counts.Field.IdOf(placement));
        }
    }
}
