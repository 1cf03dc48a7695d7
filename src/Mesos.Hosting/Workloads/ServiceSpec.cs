using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Workloads;

/// <summary>A service: <see cref="Instances"/> copies of one task, each relaunched with backoff whenever it ends.</summary>
public sealed record ServiceSpec
{
    /// <summary>The service's name, unique among services: the start of its task IDs and the tag of its metrics.</summary>
    public required string Name { get; init; }

    /// <summary>How many instances to keep running.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>What each instance runs and where it may go; its <see cref="TaskRequest.Id"/> and <see cref="TaskRequest.Group"/> are replaced (the group is the service's name, for constraints).</summary>
    public required TaskRequest Task { get; init; }

    /// <summary>The relaunch backoff (its <see cref="RetryPolicy.MaximumAttempts"/> is ignored: instances are always relaunched).</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>An instance that ran this long before ending restarts the backoff from <see cref="RetryPolicy.InitialDelay"/>.</summary>
    public TimeSpan HealthyAfter { get; init; } = TimeSpan.FromMinutes(5);
}
