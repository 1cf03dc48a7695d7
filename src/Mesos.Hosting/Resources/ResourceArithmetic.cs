using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Adding and subtracting entries the way Mesos's <c>Resources::add</c> and <c>subtract</c> do, on a list being built.</summary>
internal static class ResourceArithmetic
{
    public static bool IsEmpty(Resource resource) => resource.Type switch
    {
        Value.Types.Type.Scalar => FixedPoint.ToFixed(resource.Scalar.Value) == 0,
        Value.Types.Type.Ranges => resource.Ranges.Range.Count == 0,
        Value.Types.Type.Set => resource.Set.Item.Count == 0,
        _ => true,
    };

    /// <summary>Merges <paramref name="entry"/> into the first entry it is addable to, or appends it.</summary>
    public static void Add(List<ResourceEntry> entries, ResourceEntry entry)
    {
        if (entry.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (ResourceComparison.Addable(entries[i].Resource, entry.Resource))
            {
                entries[i] = entry.IsShared
                    ? entries[i] with { SharedCount = entries[i].SharedCount + entry.SharedCount }
                    : new ResourceEntry(WithValueOf(entries[i].Resource, Sum(entries[i].Resource, entry.Resource)), 0);
                return;
            }
        }

        entries.Add(entry);
    }

    /// <summary>Takes <paramref name="entry"/> out of the first entry it is subtractable from; what becomes empty or negative goes.</summary>
    public static void Subtract(List<ResourceEntry> entries, ResourceEntry entry)
    {
        if (entry.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (!ResourceComparison.Subtractable(entries[i].Resource, entry.Resource))
            {
                continue;
            }

            var left = entry.IsShared
                ? entries[i] with { SharedCount = entries[i].SharedCount - entry.SharedCount }
                : new ResourceEntry(WithValueOf(entries[i].Resource, Difference(entries[i].Resource, entry.Resource)), 0);
            var negative = left.IsShared ? left.SharedCount < 0 : left.Resource.Type == Value.Types.Type.Scalar && left.Resource.Scalar.Value < 0;
            if (negative || left.IsEmpty)
            {
                entries.RemoveAt(i);
            }
            else
            {
                entries[i] = left;
            }

            return;
        }
    }

    /// <summary>A copy of <paramref name="metadata"/> holding the value of <paramref name="value"/>.</summary>
    public static Resource WithValueOf(Resource metadata, Resource value)
    {
        var copy = metadata.Clone();
        copy.Scalar = value.Scalar;
        copy.Ranges = value.Ranges;
        copy.Set = value.Set;
        return copy;
    }

    /// <summary>The part of <paramref name="wanted"/> that <paramref name="available"/> can give, as a value-only resource.</summary>
    public static Resource Overlap(Resource available, Resource wanted) => available.Type switch
    {
        Value.Types.Type.Scalar => new Resource { Scalar = new Value.Types.Scalar { Value = FixedPoint.ToDouble(Math.Min(FixedPoint.ToFixed(available.Scalar.Value), FixedPoint.ToFixed(wanted.Scalar.Value))) } },
        Value.Types.Type.Ranges => new Resource { Ranges = ValueRanges.Intersect(available.Ranges, wanted.Ranges) },
        _ => new Resource { Set = ValueSets.Intersect(available.Set, wanted.Set) },
    };

    public static Resource Sum(Resource left, Resource right) => left.Type switch
    {
        Value.Types.Type.Scalar => new Resource { Scalar = new Value.Types.Scalar { Value = FixedPoint.Add(left.Scalar.Value, right.Scalar.Value) } },
        Value.Types.Type.Ranges => new Resource { Ranges = ValueRanges.Add(left.Ranges, right.Ranges) },
        _ => new Resource { Set = ValueSets.Add(left.Set, right.Set) },
    };

    public static Resource Difference(Resource left, Resource right) => left.Type switch
    {
        Value.Types.Type.Scalar => new Resource { Scalar = new Value.Types.Scalar { Value = FixedPoint.Subtract(left.Scalar.Value, right.Scalar.Value) } },
        Value.Types.Type.Ranges => new Resource { Ranges = ValueRanges.Subtract(left.Ranges, right.Ranges) },
        _ => new Resource { Set = ValueSets.Subtract(left.Set, right.Set) },
    };
}
