using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Workloads;

/// <summary>A one-off task to run until it succeeds or its retry policy gives up.</summary>
public sealed record WorkloadRequest
{
    /// <summary>The caller's ID for the work, unique among all work: submitting it again returns the same work.</summary>
    public required string Id { get; init; }

    /// <summary>The work's name: the start of each attempt's task ID and the tag of its metrics (letters, digits, '-', '_' and '.').</summary>
    public required string Name { get; init; }

    /// <summary>What each attempt runs and where it may go. Its <see cref="TaskRequest.Id"/> and <see cref="TaskRequest.Group"/> are replaced per attempt (give the empty string).</summary>
    public required TaskRequest Task { get; init; }

    /// <summary>How failed attempts are retried.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>How long an attempt may take from its launch; it is then killed and counts as failed. None when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Higher goes first when offers are short; equal priorities go in the order submitted.</summary>
    public int Priority { get; init; }
}
