namespace Mesos.Hosting.Placement;

/// <summary>Constraint lists compared by their constraints, in order; the same list object is found without comparing.</summary>
internal sealed class ConstraintListComparer : IEqualityComparer<IReadOnlyList<PlacementConstraint>>
{
    public bool Equals(IReadOnlyList<PlacementConstraint>? x, IReadOnlyList<PlacementConstraint>? y)
        => ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

    public int GetHashCode(IReadOnlyList<PlacementConstraint> obj)
    {
        var hash = new HashCode();
        foreach (var constraint in obj)
        {
            hash.Add(constraint);
        }

        return hash.ToHashCode();
    }

    /// <summary>A group and its constraint list: what one compiled plan serves.</summary>
    public sealed class WithGroup : IEqualityComparer<(string Group, IReadOnlyList<PlacementConstraint> Constraints)>
    {
        private static readonly ConstraintListComparer Lists = new();

        public bool Equals((string Group, IReadOnlyList<PlacementConstraint> Constraints) x, (string Group, IReadOnlyList<PlacementConstraint> Constraints) y)
            => x.Group == y.Group && Lists.Equals(x.Constraints, y.Constraints);

        public int GetHashCode((string Group, IReadOnlyList<PlacementConstraint> Constraints) obj) => HashCode.Combine(obj.Group, Lists.GetHashCode(obj.Constraints));
    }
}
