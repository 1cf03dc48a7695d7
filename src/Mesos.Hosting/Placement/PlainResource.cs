using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// A new resource with the metadata a plain resource can have (name, type, allocation, reservations):
/// cheaper than cloning the offered one and then replacing its value, which the matcher does for every task.
/// </summary>
internal static class PlainResource
{
    public static Resource Like(Resource template)
    {
        var resource = new Resource { Name = template.Name, Type = template.Type };
        if (template.AllocationInfo is not null)
        {
            resource.AllocationInfo = template.AllocationInfo.Clone();
        }

        foreach (var reservation in template.Reservations)
        {
            resource.Reservations.Add(reservation.Clone());
        }

        return resource;
    }
}
