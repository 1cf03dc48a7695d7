using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>One <c>ports</c> resource of an offer, handing out its lowest ports first.</summary>
internal sealed class PortPool(Resource template, int tier, List<(ulong Begin, ulong End)> ranges)
{
    private int _first;

    public int Tier { get; } = tier;

    public long Count { get; } = ranges.Sum(r => (long)Math.Min(r.End - r.Begin, int.MaxValue - 1) + 1);

    /// <summary>Takes up to <paramref name="wanted"/> of the lowest ports, adding them to <paramref name="ports"/>; the resource holding them, or null when the pool is empty.</summary>
    public Resource? TakeLowest(int wanted, List<ulong> ports)
    {
        Value.Types.Ranges? taken = null;
        while (wanted > 0 && _first < ranges.Count)
        {
            var (begin, end) = ranges[_first];
            var last = end - begin + 1 > (ulong)wanted ? begin + (ulong)wanted - 1 : end;
            taken ??= new Value.Types.Ranges();
            taken.Range.Add(new Value.Types.Range { Begin = begin, End = last });
            for (var port = begin; ; port++)
            {
                ports.Add(port);
                wanted--;
                if (port == last)
                {
                    break;
                }
            }

            if (last == end)
            {
                _first++;
            }
            else
            {
                ranges[_first] = (last + 1, end);
            }
        }

        if (taken is null)
        {
            return null;
        }

        // Taken in ascending order from disjoint, coalesced ranges: already in Mesos's normal form.
        var resource = PlainResource.Like(template);
        resource.Ranges = taken;
        return resource;
    }
}
