using Mesos.V1;

namespace Mesos.Hosting.Resources;

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
}
