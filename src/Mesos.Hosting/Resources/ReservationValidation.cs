using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Mesos's rules for both reservation formats, and for refinement stacks (each entry a DYNAMIC reservation to a strict subrole of the one below).</summary>
internal static class ReservationValidation
{
#pragma warning disable CS0612 // The deprecated fields are validated for consistency with the stack, as Mesos does.
    public static string? Problem(Resource resource)
        => resource.Reservations.Count == 0 ? PreRefinementProblem(resource) : StackProblem(resource) ?? ConsistencyProblem(resource);

    private static string? PreRefinementProblem(Resource resource)
    {
        if (MesosRoles.Validate(resource.Role) is { } roleProblem)
        {
            return roleProblem;
        }

        if (resource.Reservation is null)
        {
            return null;
        }

        if (resource.Reservation.HasType || resource.Reservation.HasRole)
        {
            return "'reservation' (the pre-refinement format) takes neither a type nor a role";
        }

        return resource.Role == MesosRoles.Any ? "role \"*\" cannot be dynamically reserved" : null;
    }

    private static string? StackProblem(Resource resource)
    {
        string? ancestor = null;
        foreach (var reservation in resource.Reservations)
        {
            if (!reservation.HasType || reservation.Type == Resource.Types.ReservationInfo.Types.Type.Unknown)
            {
                return "a reservation's type must be STATIC or DYNAMIC";
            }

            if (!reservation.HasRole)
            {
                return "a reservation must name its role";
            }

            if (MesosRoles.Validate(reservation.Role) is { } roleProblem)
            {
                return roleProblem;
            }

            if (reservation.Role == MesosRoles.Any)
            {
                return "role \"*\" cannot be reserved";
            }

            if (ancestor is not null)
            {
                if (reservation.Type == Resource.Types.ReservationInfo.Types.Type.Static)
                {
                    return $"the refinement to '{reservation.Role}' is STATIC; a refined reservation must be DYNAMIC";
                }

                if (!MesosRoles.IsStrictSubroleOf(reservation.Role, ancestor))
                {
                    return $"role '{reservation.Role}' is not a refinement of '{ancestor}'";
                }
            }

            ancestor = reservation.Role;
        }

        return null;
    }

    private static string? ConsistencyProblem(Resource resource)
    {
        if (resource.Reservations.Count > 1)
        {
            return resource.HasRole || resource.Reservation is not null
                ? "'role' and 'reservation' must not be set with more than one reservation in 'reservations'"
                : null;
        }

        var only = resource.Reservations[0];
        if (resource.HasRole && resource.Role != only.Role)
        {
            return $"'role' is '{resource.Role}' but the reservation in 'reservations' is for '{only.Role}'";
        }

        if (only.Type == Resource.Types.ReservationInfo.Types.Type.Static)
        {
            return resource.Reservation is not null ? "'reservation' must not be set when the only reservation is STATIC" : null;
        }

        if (resource.HasRole != (resource.Reservation is not null))
        {
            return "'role' and 'reservation' must both be set or both be unset when the only reservation is DYNAMIC";
        }

        if (resource.Reservation is not null
            && (resource.Reservation.Principal != only.Principal || !ResourceComparison.LabelsEqual(resource.Reservation.Labels, only.Labels)))
        {
            return "'reservation' does not match the principal and labels of the reservation in 'reservations'";
        }

        return null;
    }
#pragma warning restore CS0612
}
