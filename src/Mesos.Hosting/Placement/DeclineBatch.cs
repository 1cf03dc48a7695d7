using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>Offers to decline together, with the filter that keeps their agents away for a while.</summary>
/// <param name="Filters">The DECLINE's filters (<c>refuse_seconds</c>).</param>
/// <param name="OfferIds">The offers.</param>
public sealed record DeclineBatch(Filters Filters, IReadOnlyList<OfferID> OfferIds);
