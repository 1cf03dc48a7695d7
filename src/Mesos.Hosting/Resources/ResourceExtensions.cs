using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// What a single <see cref="Resource"/> is, as Mesos's <c>Resources::isReserved</c> and friends say;
/// each reads the reservation stack in either format (the deprecated <c>role</c>/<c>reservation</c> included).
/// </summary>
public static class ResourceExtensions
{
    /// <summary>Whether no role holds a reservation on the resource.</summary>
    public static bool IsUnreserved(this Resource resource) => Stack(resource).Count == 0;

    /// <summary>Whether the resource is reserved, to <paramref name="role"/> when one is named (the role at the top of the stack).</summary>
    public static bool IsReserved(this Resource resource, string? role = null)
    {
        var stack = Stack(resource);
        return stack.Count > 0 && (role is null || stack[^1].Role == role);
    }

    /// <summary>The role the resource is reserved to (the top of the refinement stack), or null when unreserved.</summary>
    public static string? ReservationRole(this Resource resource)
    {
        var stack = Stack(resource);
        return stack.Count == 0 ? null : stack[^1].Role;
    }

    /// <summary>Whether the top of the reservation stack is DYNAMIC (made by RESERVE, undone by UNRESERVE).</summary>
    public static bool IsDynamicallyReserved(this Resource resource)
    {
        var stack = Stack(resource);
        return stack.Count > 0 && stack[^1].Type == Resource.Types.ReservationInfo.Types.Type.Dynamic;
    }

    /// <summary>Whether the resource is reserved by the agent's configuration only (a single STATIC reservation).</summary>
    public static bool IsStaticallyReserved(this Resource resource)
    {
        var stack = Stack(resource);
        return stack.Count > 0 && stack[^1].Type == Resource.Types.ReservationInfo.Types.Type.Static;
    }

    /// <summary>Whether a reservation has been refined (more than one entry in the stack).</summary>
    public static bool HasRefinedReservations(this Resource resource) => Stack(resource).Count > 1;

    /// <summary>Whether Mesos may allocate the resource to <paramref name="role"/>: unreserved, or reserved to it or to one of its ancestors.</summary>
    public static bool IsAllocatableTo(this Resource resource, string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var reservedTo = resource.ReservationRole();
        return reservedTo is null || reservedTo == role || MesosRoles.IsStrictSubroleOf(role, reservedTo);
    }

    /// <summary>Whether the resource is allocated to <paramref name="role"/> (its <c>allocation_info</c>, as in a multi-role framework's offers).</summary>
    public static bool IsAllocatedTo(this Resource resource, string role)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.AllocationInfo is { HasRole: true } allocation && allocation.Role == role;
    }

    /// <summary>Whether the resource is revocable (oversubscribed; may be taken back).</summary>
    public static bool IsRevocable(this Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Revocable is not null;
    }

    /// <summary>Whether the resource is shared (a shared persistent volume, usable by several tasks at once).</summary>
    public static bool IsShared(this Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Shared is not null;
    }

    /// <summary>Whether the resource is a persistent volume (disk with a persistence ID).</summary>
    public static bool IsPersistentVolume(this Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Disk?.Persistence is not null;
    }

    /// <summary>Whether the resource is a disk with a source of <paramref name="type"/> (PATH, MOUNT, BLOCK, RAW).</summary>
    public static bool IsDisk(this Resource resource, Resource.Types.DiskInfo.Types.Source.Types.Type type)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Disk?.Source is { } source && source.Type == type;
    }

    private static IReadOnlyList<Resource.Types.ReservationInfo> Stack(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ResourceFormat.Reservations(resource);
    }
}
