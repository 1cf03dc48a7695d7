using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>The resource arithmetic every scheduler needs: reading scalars out of an offer, and asking for some.</summary>
public static class MesosResources
{
    /// <summary>The usual scalar names.</summary>
    public const string Cpus = "cpus";

    /// <summary>Memory, in MB.</summary>
    public const string Mem = "mem";

    /// <summary>Disk, in MB.</summary>
    public const string Disk = "disk";

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

    /// <summary>The total of the scalar <paramref name="name"/> in <paramref name="resources"/> (0 when there is none).</summary>
    public static double ScalarSum(IEnumerable<Resource> resources, string name)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return resources.Where(r => r.Name == name && r.Type == Value.Types.Type.Scalar && r.Scalar is not null).Sum(r => r.Scalar.Value);
    }

    /// <summary>The role an offer's resources are allocated to (multi-role frameworks must name it when launching).</summary>
    public static string? AllocationRole(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.AllocationInfo?.Role ?? offer.Resources.Select(r => r.AllocationInfo?.Role).FirstOrDefault(r => r is not null);
    }
}
