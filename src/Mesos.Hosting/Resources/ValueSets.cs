using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Mesos's arithmetic on sets of strings: order does not matter and items never repeat.</summary>
internal static class ValueSets
{
    public static Value.Types.Set Of(IEnumerable<string> items)
    {
        var set = new Value.Types.Set();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (seen.Add(item))
            {
                set.Item.Add(item);
            }
        }

        return set;
    }

    public static Value.Types.Set Add(Value.Types.Set left, Value.Types.Set right) => Of(left.Item.Concat(right.Item));

    public static Value.Types.Set Subtract(Value.Types.Set left, Value.Types.Set right)
    {
        var removed = new HashSet<string>(right.Item, StringComparer.Ordinal);
        return Of(left.Item.Where(i => !removed.Contains(i)));
    }

    public static Value.Types.Set Intersect(Value.Types.Set left, Value.Types.Set right)
    {
        var kept = new HashSet<string>(right.Item, StringComparer.Ordinal);
        return Of(left.Item.Where(kept.Contains));
    }

    public static bool IsSubset(Value.Types.Set inner, Value.Types.Set outer)
    {
        var container = new HashSet<string>(outer.Item, StringComparer.Ordinal);
        return inner.Item.All(container.Contains);
    }

    public static bool AreEqual(Value.Types.Set left, Value.Types.Set right) => IsSubset(left, right) && IsSubset(right, left);
}
