using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// Turns offers and pending task requests into launches and declines: a pure function of its input, so
/// the same offers, requests and running tasks always give the same result.
/// </summary>
/// <remarks>
/// Requests are placed in the order given (put the most important first). Each goes to the offer its
/// <see cref="TaskRequest.Fitness"/> prefers among those of its role that have room for it and that its
/// hard constraints allow, preferring offers that keep more of its soft constraints. Its resources are
/// carved out of the offer as Mesos's <c>Resources::find</c> would: reserved to the role first, then
/// unreserved. Every offer ends up in exactly one launch or in the declines, so none is held.
/// </remarks>
public static class OfferMatcher
{
    /// <summary>Matches <paramref name="requests"/> to <paramref name="offers"/>, counting <paramref name="running"/> tasks for the constraints.</summary>
    /// <exception cref="ArgumentException">A request has no ID, a duplicate ID, a negative amount, or neither a task nor an executor.</exception>
    public static PlacementResult Match(IReadOnlyList<Offer> offers, IReadOnlyList<TaskRequest> requests, IEnumerable<TaskPlacement>? running = null)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(requests);
        TaskBuilder.Check(requests);
        return new PlacementRun(offers, requests, running ?? []).Run();
    }
}
