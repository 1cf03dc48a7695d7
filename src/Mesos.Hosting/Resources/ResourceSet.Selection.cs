using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Choosing among the resources (filters) and moving them between roles and reservations.</summary>
public sealed partial class ResourceSet
{
    /// <summary>The resources for which <paramref name="predicate"/> holds.</summary>
    public ResourceSet Filter(Func<Resource, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var kept = Array.FindAll(_entries, e => predicate(e.Resource));
        return kept.Length == _entries.Length ? this : new ResourceSet(kept);
    }

    /// <summary>The reserved resources; to <paramref name="role"/> (the top of the stack) when one is named.</summary>
    public ResourceSet Reserved(string? role = null) => Filter(r => r.IsReserved(role));

    /// <summary>The unreserved resources.</summary>
    public ResourceSet Unreserved() => Filter(r => r.IsUnreserved());

    /// <summary>The resources reserved to <paramref name="role"/> or to a role below it (<c>a/b</c> for <c>a</c>).</summary>
    public ResourceSet ReservedToRoleSubtree(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Filter(r => r.ReservationRole() is { } reservedTo && (reservedTo == role || MesosRoles.IsStrictSubroleOf(reservedTo, role)));
    }

    /// <summary>What Mesos may allocate to <paramref name="role"/>: unreserved, or reserved to it or to one of its ancestors.</summary>
    public ResourceSet AllocatableTo(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Filter(r => r.IsAllocatableTo(role));
    }

    /// <summary>The resources allocated to <paramref name="role"/> (their <c>allocation_info</c>).</summary>
    public ResourceSet AllocatedTo(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Filter(r => r.IsAllocatedTo(role));
    }

    /// <summary>The revocable resources.</summary>
    public ResourceSet Revocable() => Filter(r => r.IsRevocable());

    /// <summary>The resources that are not revocable.</summary>
    public ResourceSet NonRevocable() => Filter(r => !r.IsRevocable());

    /// <summary>The shared resources.</summary>
    public ResourceSet Shared() => Filter(r => r.IsShared());

    /// <summary>The resources that are not shared.</summary>
    public ResourceSet NonShared() => Filter(r => !r.IsShared());

    /// <summary>The persistent volumes.</summary>
    public ResourceSet PersistentVolumes() => Filter(r => r.IsPersistentVolume());

    /// <summary>The resources named <paramref name="name"/>.</summary>
    public ResourceSet Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Filter(r => r.Name == name);
    }

    /// <summary>The scalar resources.</summary>
    public ResourceSet Scalars() => Filter(r => r.Type == Value.Types.Type.Scalar);

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
