using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// Which resources Mesos lets combine: equal metadata (name, type, allocation, the whole reservation
/// stack, disk, revocable, provider, shared) and, for disks, the exclusivity rules of MOUNT, BLOCK and
/// RAW sources and persistent volumes. Inputs are in the post-refinement format.
/// </summary>
internal static class ResourceComparison
{
    /// <summary>Everything but the amount; <paramref name="ignoreReservations"/> is how <c>Find</c> looks past roles.</summary>
    public static bool SameMetadata(Resource left, Resource right, bool ignoreReservations = false, bool ignoreAllocation = false)
    {
        if (left.Name != right.Name || left.Type != right.Type)
        {
            return false;
        }

        if (!ignoreAllocation && !AllocationEquals(left.AllocationInfo, right.AllocationInfo))
        {
            return false;
        }

        if (!ignoreReservations && !ReservationsEqual(left, right))
        {
            return false;
        }

        return DiskEquals(left.Disk, right.Disk)
            && (left.Revocable is null) == (right.Revocable is null)
            && Equals(left.ProviderId, right.ProviderId)
            && (left.Shared is null) == (right.Shared is null);
    }

    public static bool AreEqual(Resource left, Resource right) => SameMetadata(left, right) && ValuesEqual(left, right);

    public static bool ValuesEqual(Resource left, Resource right) => left.Type switch
    {
        Value.Types.Type.Scalar => FixedPoint.AreEqual(left.Scalar?.Value ?? 0, right.Scalar?.Value ?? 0),
        Value.Types.Type.Ranges => ValueRanges.AreEqual(left.Ranges ?? new(), right.Ranges ?? new()),
        Value.Types.Type.Set => ValueSets.AreEqual(left.Set ?? new(), right.Set ?? new()),
        _ => false,
    };

    /// <summary>Whether <paramref name="left"/> + <paramref name="right"/> is one valid resource.</summary>
    public static bool Addable(Resource left, Resource right, bool ignoreReservations = false, bool ignoreAllocation = false)
    {
        if ((left.Shared is null) != (right.Shared is null))
        {
            return false;
        }

        if (left.Shared is not null)
        {
            return AreEqual(left, right);
        }

        if (!SameMetadata(left, right, ignoreReservations, ignoreAllocation))
        {
            return false;
        }

        // Two exclusive disks (MOUNT, BLOCK, or a RAW disk with an identity) or two persistent volumes
        // never merge into one: that would hand out one disk as if it were two.
        return left.Disk is null || (!IsExclusiveDisk(left.Disk) && left.Disk.Persistence is null);
    }

    /// <summary>Whether <paramref name="right"/> can be taken out of <paramref name="left"/> leaving one valid resource.</summary>
    public static bool Subtractable(Resource left, Resource right, bool ignoreReservations = false, bool ignoreAllocation = false)
    {
        if ((left.Shared is null) != (right.Shared is null))
        {
            return false;
        }

        if (left.Shared is not null)
        {
            return AreEqual(left, right);
        }

        if (!SameMetadata(left, right, ignoreReservations, ignoreAllocation))
        {
            return false;
        }

        // An exclusive disk or a persistent volume is taken whole or not at all.
        return left.Disk is null || ((!IsExclusiveDisk(left.Disk) && left.Disk.Persistence is null) || ValuesEqual(left, right));
    }

    /// <summary>Whether <paramref name="inner"/> is contained in <paramref name="outer"/>.</summary>
    public static bool Contains(Resource outer, Resource inner, bool ignoreReservations = false, bool ignoreAllocation = false)
    {
        if (!Subtractable(outer, inner, ignoreReservations, ignoreAllocation))
        {
            return false;
        }

        return outer.Type switch
        {
            Value.Types.Type.Scalar => FixedPoint.LessOrEqual(inner.Scalar.Value, outer.Scalar.Value),
            Value.Types.Type.Ranges => ValueRanges.IsSubset(inner.Ranges, outer.Ranges),
            Value.Types.Type.Set => ValueSets.IsSubset(inner.Set, outer.Set),
            _ => false,
        };
    }

    public static bool AllocationEquals(Resource.Types.AllocationInfo? left, Resource.Types.AllocationInfo? right)
        => (left is null) == (right is null) && (left is null || (left.HasRole == right!.HasRole && left.Role == right.Role));

    public static bool ReservationsEqual(Resource left, Resource right)
    {
        if (left.Reservations.Count != right.Reservations.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Reservations.Count; i++)
        {
            if (!ReservationEquals(left.Reservations[i], right.Reservations[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool ReservationEquals(Resource.Types.ReservationInfo left, Resource.Types.ReservationInfo right)
        => left.Type == right.Type
            && left.Role == right.Role
            && left.HasPrincipal == right.HasPrincipal
            && left.Principal == right.Principal
            && LabelsEqual(left.Labels, right.Labels);

    /// <summary>Labels compare as a multiset: Mesos ignores their order.</summary>
    public static bool LabelsEqual(Labels? left, Labels? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left.Labels_.Count != right.Labels_.Count)
        {
            return false;
        }

        var unmatched = right.Labels_.ToList();
        foreach (var label in left.Labels_)
        {
            var index = unmatched.FindIndex(l => l.Key == label.Key && l.HasValue == label.HasValue && l.Value == label.Value);
            if (index < 0)
            {
                return false;
            }

            unmatched.RemoveAt(index);
        }

        return true;
    }

    /// <summary>The volume a disk is mounted as is how a task uses it, not what it is, so it is not compared.</summary>
    public static bool DiskEquals(Resource.Types.DiskInfo? left, Resource.Types.DiskInfo? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if ((left.Persistence is null) != (right.Persistence is null)
            || (left.Persistence is not null && left.Persistence.Id != right.Persistence!.Id))
        {
            return false;
        }

        return Equals(left.Source, right.Source);
    }

    public static bool IsExclusiveDisk(Resource.Types.DiskInfo disk) => disk.Source?.Type switch
    {
        Resource.Types.DiskInfo.Types.Source.Types.Type.Mount or Resource.Types.DiskInfo.Types.Source.Types.Type.Block => true,
        Resource.Types.DiskInfo.Types.Source.Types.Type.Raw => disk.Source.HasId,
        _ => false,
    };
}
