using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// A framework's scheduler: the callbacks Mesos framework authors know from every driver, called one
/// at a time and in order, each in its own DI scope (a scheduler registered as a singleton is called
/// directly, with no scope). Derive from <see cref="MesosScheduler"/> to override only what you need.
/// </summary>
public interface IMesosScheduler
{
    /// <summary>
    /// The first SUBSCRIBED this process saw, or the first as a new framework after Mesos removed the one before; the
    /// framework ID is already persisted.
    /// </summary>
    Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken);

    /// <summary>A later SUBSCRIBED that resumed the same framework, after a reconnection or a leader change.</summary>
    Task ReregisteredAsync(MasterInfo master, CancellationToken cancellationToken);

    /// <summary>The subscription was lost; the driver is reconnecting. Offers held are void.</summary>
    Task DisconnectedAsync(CancellationToken cancellationToken);

    /// <summary>New offers. Any the callback neither accepts nor declines is declined when it returns (by default).</summary>
    Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken);

    /// <summary>An offer is no longer valid.</summary>
    Task OfferRescindedAsync(OfferID offerId, CancellationToken cancellationToken);

    /// <summary>A task status update. It is acknowledged after this returns, and only if it does not throw.</summary>
    Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken);

    /// <summary>A message an executor sent.</summary>
    Task FrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken);

    /// <summary>An agent was removed from the cluster.</summary>
    Task AgentLostAsync(AgentID agentId, CancellationToken cancellationToken);

    /// <summary>An executor ended; <paramref name="status"/> is the raw POSIX wait status when known.</summary>
    Task ExecutorLostAsync(ExecutorID executorId, AgentID agentId, int? status, CancellationToken cancellationToken);

    /// <summary>An unrecoverable error: an ERROR event, or a refusal such as 401 or 403 on subscription.</summary>
    Task ErrorAsync(string message, CancellationToken cancellationToken);

    /// <summary>Maintenance asks for resources back.</summary>
    Task InverseOffersAsync(IReadOnlyList<InverseOffer> inverseOffers, CancellationToken cancellationToken);

    /// <summary>An inverse offer is no longer valid.</summary>
    Task InverseOfferRescindedAsync(OfferID inverseOfferId, CancellationToken cancellationToken);

    /// <summary>Feedback on an offer operation that had an ID. Acknowledged after this returns, if it has a uuid.</summary>
    Task OperationStatusAsync(OperationStatus status, CancellationToken cancellationToken);
}
