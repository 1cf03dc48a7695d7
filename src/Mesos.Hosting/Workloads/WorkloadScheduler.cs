using Mesos.Hosting.Scheduler;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>The workloads' scheduler handler: the events they act on go to the engine; the others need nothing.</summary>
internal sealed class WorkloadScheduler(WorkloadEngine engine) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken) => engine.SubscribedAsync(cancellationToken);

    public override Task ReregisteredAsync(MasterInfo master, CancellationToken cancellationToken) => engine.SubscribedAsync(cancellationToken);

    public override Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken) => engine.OffersAsync(offers, cancellationToken);

    // Throwing keeps the update unacknowledged: Mesos sends it again, so a state the store did not take is not lost.
    public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken) => engine.UpdateAsync(status, cancellationToken);
}
