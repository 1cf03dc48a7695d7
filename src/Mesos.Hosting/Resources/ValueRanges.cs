using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Mesos's arithmetic on ranges: both ends inclusive, results always sorted and coalesced.</summary>
internal static class ValueRanges
{
    public static Value.Types.Ranges Of(IEnumerable<(ulong Begin, ulong End)> ranges)
    {
        var result = new Value.Types.Ranges();
        foreach (var (begin, end) in Coalesce(ranges))
        {
            result.Range.Add(new Value.Types.Range { Begin = begin, End = end });
        }

        return result;
    }

    public static List<(ulong Begin, ulong End)> Pairs(Value.Types.Ranges? ranges)
    {
        var pairs = new List<(ulong, ulong)>(ranges?.Range.Count ?? 0);
        if (ranges is not null)
        {
            foreach (var range in ranges.Range)
            {
                pairs.Add((range.Begin, range.End));
            }
        }

        return pairs;
    }

    /// <summary>Sorted, with overlapping and adjacent ranges merged ([1-2] and [3-4] become [1-4]).</summary>
    public static List<(ulong Begin, ulong End)> Coalesce(IEnumerable<(ulong Begin, ulong End)> ranges)
    {
        var sorted = ranges.Where(r => r.Begin <= r.End).ToList();
        sorted.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        var result = new List<(ulong, ulong)>(sorted.Count);
        foreach (var (begin, end) in sorted)
        {
            if (result.Count > 0 && (result[^1].Item2 == ulong.MaxValue || begin <= result[^1].Item2 + 1))
            {
                result[^1] = (result[^1].Item1, Math.Max(result[^1].Item2, end));
            }
            else
            {
                result.Add((begin, end));
            }
        }

        return result;
    }

    public static Value.Types.Ranges Add(Value.Types.Ranges left, Value.Types.Ranges right) => Of(Pairs(left).Concat(Pairs(right)));

    public static Value.Types.Ranges Subtract(Value.Types.Ranges left, Value.Types.Ranges right)
    {
        var remaining = Coalesce(Pairs(left));
        foreach (var (cutBegin, cutEnd) in Coalesce(Pairs(right)))
        {
            var next = new List<(ulong, ulong)>(remaining.Count + 1);
            foreach (var (begin, end) in remaining)
            {
                if (cutEnd < begin || cutBegin > end)
                {
                    next.Add((begin, end));
                    continue;
                }

                if (cutBegin > begin)
                {
                    next.Add((begin, cutBegin - 1));
                }

                if (cutEnd < end)
                {
                    next.Add((cutEnd + 1, end));
                }
            }

            remaining = next;
        }

        return Of(remaining);
    }

    public static Value.Types.Ranges Intersect(Value.Types.Ranges left, Value.Types.Ranges right)
        => Subtract(left, Subtract(left, right));

    /// <summary>Whether every number in <paramref name="inner"/> is in <paramref name="outer"/>.</summary>
    public static bool IsSubset(Value.Types.Ranges inner, Value.Types.Ranges outer)
    {
        var container = Coalesce(Pairs(outer));
        foreach (var (begin, end) in Coalesce(Pairs(inner)))
        {
            if (!container.Exists(c => c.Begin <= begin && end <= c.End))
            {
                return false;
            }
        }

        return true;
    }

    public static bool AreEqual(Value.Types.Ranges left, Value.Types.Ranges right) => Coalesce(Pairs(left)).SequenceEqual(Coalesce(Pairs(right)));

    /// <summary>How many numbers the ranges hold (saturating: a full 64-bit range does not wrap).</summary>
    public static ulong Count(Value.Types.Ranges? ranges)
    {
        ulong total = 0;
        foreach (var (begin, end) in Coalesce(Pairs(ranges)))
        {
            var size = end - begin;
            total = size == ulong.MaxValue || total > ulong.MaxValue - size - 1 ? ulong.MaxValue : total + size + 1;
        }

        return total;
    }

    public static bool Contains(Value.Types.Ranges ranges, ulong number)
    {
        foreach (var range in ranges.Range)
        {
            if (range.Begin <= number && number <= range.End)
            {
                return true;
            }
        }

        return false;
    }
}
