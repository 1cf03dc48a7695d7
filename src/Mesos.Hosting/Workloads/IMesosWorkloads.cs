namespace Mesos.Hosting.Workloads;

/// <summary>
/// Submits tasks and declares services; the workloads place, launch, track, retry and reconcile them, keeping
/// their state in the <see cref="IWorkloadStore"/> so that a restart or a failover resumes where it was.
/// </summary>
public interface IMesosWorkloads
{
    /// <summary>
    /// Submits a task; returns once it is stored. Submitting an ID that exists (also one stored before a restart)
    /// returns that work's handle, already completed if it ended. Waits for the store to be loaded.
    /// </summary>
    /// <exception cref="ArgumentException">The request is incomplete or its retry policy out of range.</exception>
    Task<WorkloadHandle> SubmitAsync(WorkloadRequest request, CancellationToken cancellationToken = default);

    /// <summary>The handle of the task submitted as <paramref name="id"/>, or null; waits for the store to be loaded.</summary>
    Task<WorkloadHandle?> AttachAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the service, or updates it: a changed task, retry policy or healthy time replaces every instance (its
    /// tasks are killed and relaunched from the new spec); the same spec again keeps the running instances and only
    /// sets their number, so a restarted framework can declare its services as it did before. Returns once stored.
    /// </summary>
    Task DeclareServiceAsync(ServiceSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Sets how many instances the service keeps; instances beyond the number are killed.</summary>
    /// <exception cref="KeyNotFoundException">No such service.</exception>
    Task ScaleServiceAsync(string name, int instances, CancellationToken cancellationToken = default);

    /// <summary>Removes the service: its tasks are killed, and it is forgotten once they end. No error if it does not exist.</summary>
    Task RemoveServiceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The service's status now, or null when there is no such service.</summary>
    ServiceStatus? GetService(string name);
}
