namespace Mesos.Hosting.Workloads;

/// <summary>Why the workloads killed an attempt, which decides what its TASK_KILLED means.</summary>
internal enum KillIntent
{
    /// <summary>Not killed by the workloads: a TASK_KILLED is a failure like any other.</summary>
    None,

    /// <summary>It ran past its timeout: a failed attempt.</summary>
    Timeout,

    /// <summary>Its service was scaled down, removed or given a new spec: not a failure, and not counted.</summary>
    Retired,
}
