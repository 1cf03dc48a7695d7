using Mesos.V1;

namespace Mesos.Hosting.Resources;

public sealed partial class ResourceSet
{
    /// <summary>All the cpus, whatever their role or reservation (0 when there are none).</summary>
    public double Cpus => Scalar(MesosResources.Cpus) ?? 0;

    /// <summary>All the memory, in MB.</summary>
    public double Mem => Scalar(MesosResources.Mem) ?? 0;

    /// <summary>All the disk, in MB.</summary>
    public double Disk => Scalar(MesosResources.Disk) ?? 0;

    /// <summary>All the GPUs.</summary>
    public double Gpus => Scalar(MesosResources.Gpus) ?? 0;

    /// <summary>All the ports, coalesced (empty when there are none).</summary>
    public Value.Types.Ranges Ports => Ranges(MesosResources.Ports) ?? new Value.Types.Ranges();

    /// <summary>The names of the resources held.</summary>
    public IReadOnlyCollection<string> Names => _entries.Select(e => e.Resource.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The total of the scalar <paramref name="name"/> at Mesos's three decimals, or null when there is none.</summary>
    public double? Scalar(string name)
    {
        long total = 0;
        var found = false;
        foreach (var entry in _entries)
        {
            if (entry.Resource.Name == name && entry.Resource.Type == Value.Types.Type.Scalar)
            {
                total += FixedPoint.ToFixed(entry.Resource.Scalar.Value);
                found = true;
            }
        }

        return found ? FixedPoint.ToDouble(total) : null;
    }

    /// <summary>The ranges <paramref name="name"/>, coalesced across roles and reservations, or null when there are none.</summary>
    public Value.Types.Ranges? Ranges(string name)
    {
        var matching = _entries.Where(e => e.Resource.Name == name && e.Resource.Type == Value.Types.Type.Ranges).ToList();
        return matching.Count == 0 ? null : ValueRanges.Of(matching.SelectMany(e => ValueRanges.Pairs(e.Resource.Ranges)));
    }

    /// <summary>The set <paramref name="name"/>, merged across roles and reservations, or null when there is none.</summary>
    public Value.Types.Set? Set(string name)
    {
        var matching = _entries.Where(e => e.Resource.Name == name && e.Resource.Type == Value.Types.Type.Set).ToList();
        return matching.Count == 0 ? null : ValueSets.Of(matching.SelectMany(e => e.Resource.Set.Item));
    }
}
