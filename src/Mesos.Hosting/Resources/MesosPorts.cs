using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Taking ports out of an offer's <c>ports</c> ranges, deterministically.</summary>
public static class MesosPorts
{
    /// <summary>
    /// The <paramref name="count"/> lowest ports of <paramref name="available"/>, preferring (like
    /// <see cref="ResourceSet.Find(Resource)"/>) ports reserved to <paramref name="role"/>, then unreserved
    /// ones, then the rest; revocable ports are not used. Null when there are not enough.
    /// From <c>[31000-31001, 31005-31010]</c>, three ports are 31000, 31001 and 31005.
    /// </summary>
    public static PortAssignment? Take(ResourceSet available, int count, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var numbers = new List<ulong>(count);
        for (var tier = 0; tier < FindPreference.Tiers && numbers.Count < count; tier++)
        {
            var ranges = new List<(ulong Begin, ulong End)>();
            foreach (var entry in available.Entries)
            {
                if (IsPlainPorts(entry.Resource) && FindPreference.Tier(entry.Resource, role) == tier)
                {
                    ranges.AddRange(ValueRanges.Pairs(entry.Resource.Ranges));
                }
            }

            foreach (var (begin, end) in ValueRanges.Coalesce(ranges))
            {
                for (var port = begin; numbers.Count < count; port++)
                {
                    numbers.Add(port);
                    if (port == end)
                    {
                        break;
                    }
                }
            }
        }

        return numbers.Count < count ? null : TakeSpecific(available, numbers, role);
    }

    /// <summary>The ports <paramref name="ports"/> exactly, with the reservations they have in <paramref name="available"/>; null when any is not offered.</summary>
    public static PortAssignment? TakeSpecific(ResourceSet available, IEnumerable<ulong> ports, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(ports);
        var numbers = ports.Distinct().Order().ToList();
        if (numbers.Count == 0)
        {
            return new PortAssignment([], ResourceSet.Empty);
        }

        var wanted = MesosResources.Ranges(MesosResources.Ports, numbers.Select(p => (p, p)));
        if (role is not null && role != MesosRoles.Any)
        {
            wanted.Reservations.Add(new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Static, Role = role });
        }

        var found = available.NonRevocable().Find(wanted);
        return found is null ? null : new PortAssignment(numbers, found);
    }

    private static bool IsPlainPorts(Resource resource)
        => resource.Name == MesosResources.Ports && resource.Type == Value.Types.Type.Ranges && resource.Revocable is null && resource.Shared is null;
}
