using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>An <see cref="IMesosScheduler"/> whose callbacks do nothing until overridden.</summary>
public abstract class MesosScheduler : IMesosScheduler
{
    /// <inheritdoc/>
    public virtual Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ReregisteredAsync(MasterInfo master, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task DisconnectedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task OfferRescindedAsync(OfferID offerId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task FrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task AgentLostAsync(AgentID agentId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ExecutorLostAsync(ExecutorID executorId, AgentID agentId, int? status, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ErrorAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task InverseOffersAsync(IReadOnlyList<InverseOffer> inverseOffers, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task InverseOfferRescindedAsync(OfferID inverseOfferId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task OperationStatusAsync(OperationStatus status, CancellationToken cancellationToken) => Task.CompletedTask;
}
