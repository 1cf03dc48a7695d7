namespace MyFramework;

/// <summary>What the framework runs, from the <c>Work</c> section.</summary>
public sealed class WorkOptions
{
    public const string SectionName = "Work";

    /// <summary>
    /// The batch's name; its tasks are submitted as <c>{Batch}-{n}</c>. Work IDs are durable: a restarted scheduler
    /// that submits them again gets the stored work back (running tasks go on, finished ones are not run again),
    /// so a new name is what runs the work again.
    /// </summary>
    public string Batch { get; set; } = "batch-1";

    /// <summary>How many tasks the batch has.</summary>
    public int Tasks { get; set; } = 4;

    /// <summary>How many instances of the service to keep running while the batch runs.</summary>
    public int ServiceInstances { get; set; } = 1;

    /// <summary>CPUs per task.</summary>
    public double TaskCpus { get; set; } = 0.1;

    /// <summary>Memory (MB) per task.</summary>
    public double TaskMem { get; set; } = 32;
#if (executor)

    /// <summary>
    /// The shell command by which agents start the executor; by default the NativeAOT executor that the image carries
    /// under the scheduler's folder (executor/MyFramework.Executor). MyFramework.Local sets it to the executor's build.
    /// </summary>
    public string? ExecutorCommand { get; set; }

    /// <summary>The Docker image the executor runs from (ContainerInfo MESOS); none runs it on the agent's host.</summary>
    public string? ExecutorImage { get; set; }
#else

    /// <summary>The shell command each task of the batch runs; its exit code says whether the task succeeded.</summary>
    public string Command { get; set; } = "echo hello from a Mesos task";

    /// <summary>The shell command each service instance runs; a service's task is not meant to end.</summary>
    public string ServiceCommand { get; set; } = "while true; do sleep 60; done";
#endif
}
