namespace Mesos.Hosting.Workloads;

/// <summary>The gauges of one workload name, as of the engine's last step.</summary>
/// <param name="Pending">Tasks and instances waiting for an offer or a backoff.</param>
/// <param name="Running">Attempts launched and not ended.</param>
/// <param name="Finished">Tasks that succeeded.</param>
/// <param name="Failed">Tasks poisoned.</param>
internal readonly record struct WorkloadCounts(long Pending, long Running, long Finished, long Failed);
