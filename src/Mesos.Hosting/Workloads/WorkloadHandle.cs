namespace Mesos.Hosting.Workloads;

/// <summary>A submitted task: its ID and name, and its result once it ends.</summary>
/// <param name="Id">The ID it was submitted with.</param>
/// <param name="Name">Its name.</param>
/// <param name="Completion">Completes with the result when the work succeeds or is poisoned; never faults for a task's failure.</param>
public sealed record WorkloadHandle(string Id, string Name, Task<WorkloadResult> Completion);
