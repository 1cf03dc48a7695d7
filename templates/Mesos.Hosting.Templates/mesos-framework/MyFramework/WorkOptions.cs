namespace MyFramework;

/// <summary>What the framework runs, from the <c>Work</c> section.</summary>
public sealed class WorkOptions
{
    public const string SectionName = "Work";

    /// <summary>How many tasks to run.</summary>
    public int Tasks { get; set; } = 4;

    /// <summary>CPUs per task.</summary>
    public double TaskCpus { get; set; } = 0.1;

    /// <summary>Memory (MB) per task.</summary>
    public double TaskMem { get; set; } = 32;
#if (executor)

    /// <summary>How agents start the executor; by default this very program (set it to the image's entry point in a container).</summary>
    public string? ExecutorCommand { get; set; }

    /// <summary>The Docker image the executor runs from (ContainerInfo MESOS); none runs it on the agent's host.</summary>
    public string? ExecutorImage { get; set; }
#else

    /// <summary>The shell command each task runs.</summary>
    public string Command { get; set; } = "echo hello from a Mesos task";
#endif
}
