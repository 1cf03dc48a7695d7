using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Short ways to write the resources the tests need.</summary>
internal static class R
{
    /// <summary>A scalar, unchecked, so that the tests can build invalid ones too.</summary>
    public static Resource Scalar(string name, double value)
        => new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };

    public static Resource Cpus(double value, params string[] stack) => Reserve(Scalar(MesosResources.Cpus, value), stack);

    public static Resource Ports(params (ulong Begin, ulong End)[] ranges) => MesosResources.Ranges(MesosResources.Ports, ranges);

    /// <summary>Ports as written, not coalesced as <see cref="Ports"/> has them, so that the tests can build invalid ones too.</summary>
    public static Resource UncheckedPorts(params (ulong Begin, ulong End)[] ranges) => new()
    {
        Name = MesosResources.Ports,
        Type = Value.Types.Type.Ranges,
        Ranges = new Value.Types.Ranges { Range = { ranges.Select(r => new Value.Types.Range { Begin = r.Begin, End = r.End }) } },
    };

    /// <summary>Reserved along <paramref name="stack"/>: the first STATIC, the refinements DYNAMIC.</summary>
    public static Resource Reserve(Resource resource, params string[] stack)
    {
        for (var i = 0; i < stack.Length; i++)
        {
            resource.Reservations.Add(new Resource.Types.ReservationInfo
            {
                Type = i == 0 ? Resource.Types.ReservationInfo.Types.Type.Static : Resource.Types.ReservationInfo.Types.Type.Dynamic,
                Role = stack[i],
            });
        }

        return resource;
    }

    public static Resource Dynamic(Resource resource, string role, string principal)
    {
        resource.Reservations.Add(new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Dynamic, Role = role, Principal = principal });
        return resource;
    }

    public static Resource Volume(string id, double mb, bool shared = false)
    {
        var volume = Dynamic(Scalar(MesosResources.Disk, mb), "db", "ops");
        volume.Disk = new Resource.Types.DiskInfo { Persistence = new Resource.Types.DiskInfo.Types.Persistence { Id = id } };
        if (shared)
        {
            volume.Shared = new Resource.Types.SharedInfo();
        }

        return volume;
    }

    public static Resource MountDisk(string root, double mb)
    {
        var disk = Scalar(MesosResources.Disk, mb);
        disk.Disk = new Resource.Types.DiskInfo
        {
            Source = new Resource.Types.DiskInfo.Types.Source
            {
                Type = Resource.Types.DiskInfo.Types.Source.Types.Type.Mount,
                Mount = new Resource.Types.DiskInfo.Types.Source.Types.Mount { Root = root },
            },
        };
        return disk;
    }

    public static Resource Allocated(Resource resource, string role)
    {
        resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
        return resource;
    }
}
