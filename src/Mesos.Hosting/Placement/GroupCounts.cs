namespace Mesos.Hosting.Placement;

/// <summary>How many tasks of one group run (or were placed in this match) at each value of one field.</summary>
internal sealed class GroupCounts(FieldValues field)
{
    private int[] _counts = new int[Math.Max(field.Count, 1)];

    public FieldValues Field { get; } = field;

    /// <summary>Changes whenever a count does, so checks can cache what they derive from the counts.</summary>
    public int Version { get; private set; }

    public int Total { get; private set; }

    public int this[int value] => value < _counts.Length ? _counts[value] : 0;

    public void Add(int value)
    {
        if (value < 0)
        {
            return;
        }

        if (value >= _counts.Length)
        {
            Array.Resize(ref _counts, Math.Max(value + 1, _counts.Length * 2));
        }

        _counts[value]++;
        Total++;
        Version++;
    }
}
