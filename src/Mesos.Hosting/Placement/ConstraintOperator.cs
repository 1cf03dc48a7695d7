namespace Mesos.Hosting.Placement;

/// <summary>The operators of a <see cref="PlacementConstraint"/>, as Marathon names them.</summary>
public enum ConstraintOperator
{
    /// <summary>No two tasks of the group share a value of the field (<c>hostname:UNIQUE</c>: one per agent).</summary>
    Unique,

    /// <summary>All tasks of the group share one value: the one given, or the one the first task landed on.</summary>
    Cluster,

    /// <summary>Tasks of the group spread evenly over the field's values (optionally: over at least N of them).</summary>
    GroupBy,

    /// <summary>The field's value matches the regular expression (whole value).</summary>
    Like,

    /// <summary>The field's value does not match the regular expression (an agent without the field matches).</summary>
    Unlike,

    /// <summary>At most N tasks of the group per value of the field.</summary>
    MaxPer,

    /// <summary>The field's value equals the given value, compared by the attribute's type (text, scalar, ranges, set).</summary>
    Is,

    /// <summary>The field's value is within the given set <c>{a,b}</c> or ranges <c>[1-5]</c>.</summary>
    In,
}
