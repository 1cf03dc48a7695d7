namespace Mesos.Hosting.Workloads;

/// <summary>How a piece of work ended.</summary>
public enum WorkloadOutcome
{
    /// <summary>An attempt finished (TASK_FINISHED).</summary>
    Succeeded,

    /// <summary>The last attempt allowed failed, or one failed for a reason that is not retried: the work will not run again.</summary>
    Poisoned,
}
