using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>The resource arithmetic every scheduler needs: reading scalars out of an offer, and asking for some.</summary>
/// <remarks>For more than scalars (ranges, reservations, finding what a task may use) see <see cref="ResourceSet"/>.</remarks>
public static class MesosResources
{
    /// <summary>The usual scalar names.</summary>
    public const string Cpus = "cpus";

    /// <summary>Memory, in MB.</summary>
    public const string Mem = "mem";

    /// <summary>Disk, in MB.</summary>
    public const string Disk = "disk";

    /// <summary>GPUs.</summary>
    public const string Gpus = "gpus";

    /// <summary>Port ranges.</summary>
    public const string Ports = "ports";

    /// <summary>A scalar resource, e.g. <c>Scalar("cpus", 0.5)</c>; unreserved unless a role it is allocated to is named.</summary>
    public static Resource Scalar(string name, double value, string? allocatedTo = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var resource = new Resource { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };
        if (allocatedTo is not null)
        {
            resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = allocatedTo };
        }

        return resource;
    }

    /// <summary>A ranges resource, e.g. <c>Ranges("ports", [(31000, 31005)])</c>, coalesced.</summary>
    public static Resource Ranges(string name, IEnumerable<(ulong Begin, ulong End)> ranges)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(ranges);
        return new Resource { Name = name, Type = Value.Types.Type.Ranges, Ranges = ValueRanges.Of(ranges) };
    }

    /// <summary>A set resource, e.g. <c>Set("disks", ["sda", "sdb"])</c>.</summary>
    public static Resource Set(string name, IEnumerable<string> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(items);
        return new Resource { Name = name, Type = Value.Types.Type.Set, Set = ValueSets.Of(items) };
    }

    /// <summary>A copy of <paramref name="resource"/> reserved to <paramref name="role"/>: STATIC, or DYNAMIC when a principal or labels are given.</summary>
    public static Resource ReservedTo(Resource resource, string role, string? principal = null, Labels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(role);
        var copy = resource.Clone();
        var reservation = new Resource.Types.ReservationInfo
        {
            Type = principal is null && labels is null ? Resource.Types.ReservationInfo.Types.Type.Static : Resource.Types.ReservationInfo.Types.Type.Dynamic,
            Role = role,
        };
        if (principal is not null)
        {
            reservation.Principal = principal;
        }

        reservation.Labels = labels?.Clone();
        copy.Reservations.Add(reservation);
        return copy;
    }

    /// <summary>The total of the scalar <paramref name="name"/> in <paramref name="resources"/> at Mesos's three decimals (0 when there is none).</summary>
    public static double ScalarSum(IEnumerable<Resource> resources, string name)
    {
        ArgumentNullException.ThrowIfNull(resources);
        long total = 0;
        foreach (var resource in resources)
        {
            if (resource.Name == name && resource.Type == Value.Types.Type.Scalar && resource.Scalar is not null)
            {
                total += FixedPoint.ToFixed(resource.Scalar.Value);
            }
        }

        return FixedPoint.ToDouble(total);
    }

    /// <summary>The role an offer's resources are allocated to (multi-role frameworks must name it when launching).</summary>
    public static string? AllocationRole(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.AllocationInfo?.Role ?? offer.Resources.Select(r => r.AllocationInfo?.Role).FirstOrDefault(r => r is not null);
    }
}
