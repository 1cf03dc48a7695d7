using Mesos.V1;

namespace Mesos.Hosting.Resources;

public sealed partial class ResourceSet
{
    /// <summary>
    /// The concrete resources of this set that make up <paramref name="target"/>, or null when the set
    /// cannot: what a task must name to use "1 cpu" of an offer. Like Mesos's <c>Resources::find</c>, it
    /// looks first at resources reserved to the target's role (the top of its reservation stack, if it
    /// has one), then at unreserved resources, then at the rest; the found resources keep their own
    /// reservations and allocation. Within each of those it takes as much as each resource gives (the
    /// lowest of a range first), so a want may be met by several resources. An allocation on the target
    /// must match; none means any.
    /// </summary>
    public ResourceSet? Find(Resource target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var wanted = Admit(target);
        var found = new List<ResourceEntry>();
        return FindInto(_entries, wanted.Resource, found) ? FromNormalized(found) : null;
    }

    /// <summary>The concrete resources that make up every one of <paramref name="targets"/>, never using one twice; null when any is missing.</summary>
    public ResourceSet? Find(ResourceSet targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var available = new List<ResourceEntry>(_entries);
        var found = new List<ResourceEntry>();
        foreach (var target in targets._entries)
        {
            var foundNow = new List<ResourceEntry>();
            if (!FindInto([.. available], target.Resource, foundNow))
            {
                return null;
            }

            foreach (var entry in foundNow)
            {
                ResourceArithmetic.Subtract(available, entry);
                found.Add(entry);
            }
        }

        return FromNormalized(found);
    }

    private static bool FindInto(ReadOnlySpan<ResourceEntry> entries, Resource target, List<ResourceEntry> found)
    {
        var role = target.Reservations.Count == 0 ? null : target.Reservations[^1].Role;
        var ignoreAllocation = target.AllocationInfo is null;
        var remaining = target.Clone();
        remaining.Reservations.Clear();
        for (var tier = 0; tier < FindPreference.Tiers; tier++)
        {
            foreach (var entry in entries)
            {
                if (FindPreference.Tier(entry.Resource, role) != tier
                    || !ResourceComparison.Subtractable(entry.Resource, remaining, ignoreReservations: true, ignoreAllocation))
                {
                    continue;
                }

                if (entry.IsShared)
                {
                    found.Add(entry with { SharedCount = 1 });
                    return true;
                }

                var taken = ResourceArithmetic.WithValueOf(entry.Resource, ResourceArithmetic.Overlap(entry.Resource, remaining));
                if (ResourceArithmetic.IsEmpty(taken))
                {
                    continue;
                }

                found.Add(new ResourceEntry(taken, 0));
                remaining = ResourceArithmetic.WithValueOf(remaining, ResourceArithmetic.Difference(remaining, taken));
                if (ResourceArithmetic.IsEmpty(remaining))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
