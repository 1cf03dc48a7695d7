using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// Converts Mesos's "pre-refinement" reservation format (the deprecated <c>role</c> and
/// <c>reservation</c> fields) to the <c>reservations</c> stack, the way the master upgrades what an
/// old agent or framework sends: a role other than <c>*</c> is a STATIC reservation, or a DYNAMIC one
/// when <c>reservation</c> (principal, labels) is set.
/// </summary>
internal static class ResourceFormat
{
#pragma warning disable CS0612 // Reading the deprecated fields is the point: they are what gets converted.
    /// <summary><paramref name="resource"/> itself when it is in the post-refinement format already, or a normalized copy.</summary>
    public static Resource PostRefinement(Resource resource) => resource.HasRole || resource.Reservation is not null ? Normalize(resource) : resource;

    /// <summary>A copy in the post-refinement format, scalars rounded to Mesos's three decimals and ranges coalesced.</summary>
    public static Resource Normalize(Resource resource)
    {
        var copy = resource.Clone();
        if (copy.Reservations.Count == 0 && copy.HasRole && copy.Role != "*")
        {
            copy.Reservations.Add(ReservationOf(copy.Role, copy.Reservation));
        }

        copy.ClearRole();
        copy.Reservation = null;
        switch (copy.Type)
        {
            case Value.Types.Type.Scalar:
                copy.Scalar = new Value.Types.Scalar { Value = FixedPoint.Round(copy.Scalar.Value) };
                break;
            case Value.Types.Type.Ranges:
                copy.Ranges = ValueRanges.Of(ValueRanges.Pairs(copy.Ranges));
                break;
        }

        return copy;
    }

    /// <summary>The reservation stack of <paramref name="resource"/> in either format, without copying when it is already post-refinement.</summary>
    public static IReadOnlyList<Resource.Types.ReservationInfo> Reservations(Resource resource)
    {
        if (resource.Reservations.Count > 0 || !resource.HasRole || resource.Role == "*")
        {
            return resource.Reservations;
        }

        return [ReservationOf(resource.Role, resource.Reservation)];
    }

    private static Resource.Types.ReservationInfo ReservationOf(string role, Resource.Types.ReservationInfo? legacy)
    {
        var reservation = new Resource.Types.ReservationInfo
        {
            Type = legacy is null ? Resource.Types.ReservationInfo.Types.Type.Static : Resource.Types.ReservationInfo.Types.Type.Dynamic,
            Role = role,
        };
        if (legacy is not null && legacy.HasPrincipal)
        {
            reservation.Principal = legacy.Principal;
        }

        if (legacy?.Labels is not null)
        {
            reservation.Labels = legacy.Labels.Clone();
        }

        return reservation;
    }
#pragma warning restore CS0612
}
