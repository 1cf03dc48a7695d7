using Mesos.V1;

namespace Mesos.Hosting.Resources;

public sealed partial class ResourceSet
{
    /// <summary>The same resources with no reservations at all (Mesos's <c>toUnreserved</c>).</summary>
    public ResourceSet ToUnreserved() => Rewrite(r => r.Reservations.Clear());

    /// <summary>
    /// The same resources reserved to <paramref name="role"/> alone, whatever they were reserved to before:
    /// unreserved for <c>*</c>, a STATIC reservation without <paramref name="reservation"/>, or a copy of
    /// <paramref name="reservation"/> (its principal and labels; DYNAMIC unless its type says otherwise).
    /// </summary>
    public ResourceSet Flatten(string role = MesosRoles.Any, Resource.Types.ReservationInfo? reservation = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role == MesosRoles.Any)
        {
            return reservation is null ? ToUnreserved() : throw new ArgumentException("Role \"*\" cannot be reserved.", nameof(reservation));
        }

        if (MesosRoles.Validate(role) is { } problem)
        {
            throw new ArgumentException(problem, nameof(role));
        }

        var flat = reservation?.Clone() ?? new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Static };
        flat.Role = role;
        if (!flat.HasType || flat.Type == Resource.Types.ReservationInfo.Types.Type.Unknown)
        {
            flat.Type = Resource.Types.ReservationInfo.Types.Type.Dynamic;
        }

        return Rewrite(r =>
        {
            r.Reservations.Clear();
            r.Reservations.Add(flat.Clone());
        });
    }

    /// <summary>
    /// The same resources with <paramref name="reservation"/> on top of their stacks: a reservation, or a
    /// refinement of one (to a strict subrole). Throws, naming the resource, when the stack would be invalid.
    /// </summary>
    public ResourceSet PushReservation(Resource.Types.ReservationInfo reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return Rewrite(r =>
        {
            r.Reservations.Add(reservation.Clone());
            if (ResourceValidation.Validate(r) is { } problem)
            {
                throw new ArgumentException(problem, nameof(reservation));
            }
        });
    }

    /// <summary>The same resources with the top of each stack removed (undoing a refinement, or the reservation itself).</summary>
    public ResourceSet PopReservation() => Rewrite(r =>
    {
        if (r.Reservations.Count == 0)
        {
            throw new InvalidOperationException($"Resource '{ResourceText.Format(r)}' is not reserved; there is no reservation to pop.");
        }

        r.Reservations.RemoveAt(r.Reservations.Count - 1);
    });

    /// <summary>The same resources allocated to <paramref name="role"/> (as the master marks what it offers a multi-role framework).</summary>
    public ResourceSet AllocateTo(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Rewrite(r => r.AllocationInfo = new Resource.Types.AllocationInfo { Role = role });
    }

    /// <summary>The same resources without allocation info.</summary>
    public ResourceSet Unallocate() => Rewrite(r => r.AllocationInfo = null);

    private ResourceSet Rewrite(Action<Resource> change)
        => FromNormalized(_entries.Select(e =>
        {
            var copy = e.Resource.Clone();
            change(copy);
            return e with { Resource = copy };
        }).ToList());
}
