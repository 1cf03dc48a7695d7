namespace Mesos.Hosting.Placement;

/// <summary>One constraint, compiled against the agents of a match: whether it lets a task of its group onto an agent.</summary>
internal abstract class AgentCheck(PlacementConstraint constraint)
{
    public PlacementConstraint Constraint { get; } = constraint;

    public abstract bool Allows(int agent);
}

/// <summary>LIKE, UNLIKE, IS, IN and CLUSTER with a value: decided once per agent, before any task is placed.</summary>
internal sealed class StaticCheck(PlacementConstraint constraint, bool[] mask) : AgentCheck(constraint)
{
    public bool[] Mask { get; } = mask;

    public override bool Allows(int agent) => Mask[agent];
}

/// <summary>UNIQUE: no task of the group at the agent's value yet.</summary>
internal sealed class UniqueCheck(PlacementConstraint constraint, GroupCounts counts) : AgentCheck(constraint)
{
    private readonly int[] _values = counts.Field.ByAgent;

    public override bool Allows(int agent) => _values[agent] >= 0 && counts[_values[agent]] == 0;
}

/// <summary>MAX_PER: fewer than the limit at the agent's value.</summary>
internal sealed class MaxPerCheck(PlacementConstraint constraint, GroupCounts counts) : AgentCheck(constraint)
{
    private readonly int[] _values = counts.Field.ByAgent;

    public override bool Allows(int agent) => _values[agent] >= 0 && counts[_values[agent]] < Constraint.Limit;
}

/// <summary>CLUSTER without a value: anywhere the field is set for the first task, then only at a value the group already uses.</summary>
internal sealed class ClusterCheck(PlacementConstraint constraint, GroupCounts counts) : AgentCheck(constraint)
{
    private readonly int[] _values = counts.Field.ByAgent;

    public override bool Allows(int agent) => _values[agent] >= 0 && (counts.Total == 0 || counts[_values[agent]] > 0);
}

/// <summary>
/// GROUP_BY: only at a value with the fewest tasks of the group. The values counted are those of the
/// agents the request's other hard constraints leave (so a LIKE that rules out a rack does not leave
/// that rack empty forever) and those the group already uses; with GROUP_BY:N and fewer than N such
/// values, the missing ones count as empty.
/// </summary>
internal sealed class GroupByCheck : AgentCheck
{
    private readonly GroupCounts _counts;
    private readonly int[] _values;
    private readonly bool[] _eligible;
    private int _version = -1;
    private int _fewest;

    public GroupByCheck(PlacementConstraint constraint, GroupCounts counts, bool[]? mask) : base(constraint)
    {
        _counts = counts;
        _values = counts.Field.ByAgent;
        _eligible = new bool[counts.Field.Count];
        for (var agent = 0; agent < _values.Length; agent++)
        {
            if (_values[agent] >= 0 && (mask is null || mask[agent]))
            {
                _eligible[_values[agent]] = true;
            }
        }
    }

    public override bool Allows(int agent) => _values[agent] >= 0 && _counts[_values[agent]] <= Fewest();

    private int Fewest()
    {
        if (_version == _counts.Version)
        {
            return _fewest;
        }

        var fewest = int.MaxValue;
        var values = 0;
        for (var value = 0; value < _counts.Field.Count; value++)
        {
            if ((value < _eligible.Length && _eligible[value]) || _counts[value] > 0)
            {
                fewest = Math.Min(fewest, _counts[value]);
                values++;
            }
        }

        _fewest = values < Constraint.Limit || values == 0 ? 0 : fewest;
        _version = _counts.Version;
        return _fewest;
    }
}
