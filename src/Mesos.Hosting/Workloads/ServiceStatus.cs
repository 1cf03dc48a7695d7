namespace Mesos.Hosting.Workloads;

/// <summary>A service as the workloads see it now.</summary>
/// <param name="Name">The service's name.</param>
/// <param name="Instances">How many instances it should have.</param>
/// <param name="Running">Instances Mesos reports running.</param>
/// <param name="Launching">Instances launched and not yet running.</param>
/// <param name="Pending">Instances waiting for an offer or for their backoff.</param>
/// <param name="Attempts">Attempts launched over the service's life.</param>
/// <param name="Removing">Whether it is being removed (its tasks are being killed).</param>
public sealed record ServiceStatus(string Name, int Instances, int Running, int Launching, int Pending, int Attempts, bool Removing);
