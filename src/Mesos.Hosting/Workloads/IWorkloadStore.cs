namespace Mesos.Hosting.Workloads;

/// <summary>
/// Where workloads keep what must survive a restart or a failover: every submitted task and declared service,
/// and every attempt at running one with its last known state.
/// </summary>
/// <remarks>
/// The workloads write before they act: an attempt is stored before the ACCEPT that launches it is sent, and a
/// status update's new state before the update is acknowledged. A store therefore promises durability when
/// <see cref="WriteAsync"/> returns; it need not make one write's records atomic together, because each record
/// is whole on its own and written in the order given. The data of each record is the workloads' own encoding:
/// a store keeps it as opaque bytes and never interprets it.
/// </remarks>
public interface IWorkloadStore
{
    /// <summary>
    /// Opens the store (creating it when it does not exist) and reads everything it holds. Fails with
    /// <see cref="WorkloadStoreException"/> naming the file or node when what is there is not a workload store
    /// of this format; it then changes nothing.
    /// </summary>
    ValueTask<WorkloadStoreSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="changes"/> in order: work and attempts put (replacing any stored under the same
    /// ID), then work removed with all its attempts. Durable when it returns.
    /// </summary>
    ValueTask WriteAsync(WorkloadStoreChanges changes, CancellationToken cancellationToken);
}
