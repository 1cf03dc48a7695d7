using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// What to do with a batch of offers: accept some (<see cref="Launches"/>), decline the rest
/// (<see cref="Declines"/>); every offer given to the matcher is in exactly one of the two, so none is
/// kept. <see cref="Pending"/> are the requests still waiting, each with the reason.
/// </summary>
/// <param name="Launches">One ACCEPT per agent and role that got tasks.</param>
/// <param name="Declines">The offers no task was placed on.</param>
/// <param name="Pending">The requests not placed, in request order.</param>
public sealed record PlacementResult(IReadOnlyList<OfferLaunch> Launches, IReadOnlyList<Offer> Declines, IReadOnlyList<PendingRequest> Pending)
{
    /// <summary>The IDs of the offers to decline.</summary>
    public IReadOnlyList<OfferID> DeclinedOfferIds => Declines.Select(o => o.Id).ToList();

    /// <summary>Every task placed, across launches.</summary>
    public IReadOnlyList<PlacedTask> Placed => Launches.SelectMany(l => l.Tasks).ToList();

    /// <summary>
    /// Of the framework's <paramref name="roles"/>, those no pending request waits for (a request without a
    /// role waits for all): SUPPRESS them so the master stops offering what nothing will use, and REVIVE
    /// when new work for them arrives.
    /// </summary>
    public IReadOnlyList<string> RolesToSuppress(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (Pending.Any(p => p.Request.Role is null))
        {
            return [];
        }

        var wanted = Pending.Select(p => p.Request.Role!).ToHashSet(StringComparer.Ordinal);
        return roles.Where(r => !wanted.Contains(r)).Distinct(StringComparer.Ordinal).ToList();
    }
}
