namespace Mesos.Hosting.Testing.Resources;

/// <summary>
/// The amount of one kind of resource: a scalar, a set of inclusive ranges, or a set of items.
/// Scalars are kept in thousandths, as Mesos keeps them, so that sums never drift.
/// </summary>
internal sealed class ResourceQuantity
{
    private readonly SortedSet<string> _items = new(StringComparer.Ordinal);
    private List<(ulong Begin, ulong End)> _ranges = [];
    private long _milli;

    public ResourceQuantity(Mesos.V1.Value.Types.Type type) => Type = type;

    public Mesos.V1.Value.Types.Type Type { get; }

    public double Scalar => _milli / 1000d;

    public IReadOnlyList<(ulong Begin, ulong End)> Ranges => _ranges;

    public IReadOnlyCollection<string> Items => _items;

    public bool IsEmpty => Type switch
    {
        Mesos.V1.Value.Types.Type.Scalar => _milli <= 0,
        Mesos.V1.Value.Types.Type.Ranges => _ranges.Count == 0,
        _ => _items.Count == 0,
    };

    public static long ToMilli(double value) => (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);

    public ResourceQuantity Clone()
    {
        var copy = new ResourceQuantity(Type) { _milli = _milli, _ranges = [.. _ranges] };
        copy._items.UnionWith(_items);
        return copy;
    }

    public void AddScalar(double value) => _milli += ToMilli(value);

    public void AddRange(ulong begin, ulong end)
    {
        _ranges.Add((begin, end));
        _ranges = Normalize(_ranges);
    }

    public void AddItems(IEnumerable<string> items) => _items.UnionWith(items);

    public void Add(ResourceQuantity other)
    {
        _milli += other._milli;
        _ranges = Normalize([.. _ranges, .. other._ranges]);
        _items.UnionWith(other._items);
    }

    public bool Contains(ResourceQuantity other) => Type switch
    {
        Mesos.V1.Value.Types.Type.Scalar => _milli >= other._milli,
        Mesos.V1.Value.Types.Type.Ranges => other._ranges.All(r => _ranges.Any(mine => mine.Begin <= r.Begin && r.End <= mine.End)),
        _ => other._items.IsSubsetOf(_items),
    };

    /// <summary>Removes <paramref name="other"/>; ranges and items not held are ignored.</summary>
    public void Subtract(ResourceQuantity other)
    {
        _milli -= other._milli;
        foreach (var (begin, end) in other._ranges)
        {
            _ranges = _ranges.SelectMany(r => Cut(r, begin, end)).ToList();
        }

        _items.ExceptWith(other._items);
    }

    private static IEnumerable<(ulong Begin, ulong End)> Cut((ulong Begin, ulong End) range, ulong begin, ulong end)
    {
        if (end < range.Begin || begin > range.End)
        {
            yield return range;
            yield break;
        }

        if (begin > range.Begin)
        {
            yield return (range.Begin, begin - 1);
        }

        if (end < range.End)
        {
            yield return (end + 1, range.End);
        }
    }

    private static List<(ulong Begin, ulong End)> Normalize(List<(ulong Begin, ulong End)> ranges)
    {
        var merged = new List<(ulong Begin, ulong End)>();
        foreach (var range in ranges.OrderBy(r => r.Begin))
        {
            if (merged.Count > 0 && range.Begin <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Begin, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
