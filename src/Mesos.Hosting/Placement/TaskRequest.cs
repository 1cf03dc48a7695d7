using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// A task waiting for a place: what it needs, where it may run and how to choose among the places it fits.
/// The matcher turns it into a <see cref="TaskInfo"/> (a copy of <see cref="Task"/> with the ID, agent and
/// concrete resources filled in) or says why it stays pending.
/// </summary>
public sealed record TaskRequest
{
    /// <summary>The task ID it launches with; unique among the requests of one match.</summary>
    public required string Id { get; init; }

    /// <summary>The task's name (the ID when null, unless <see cref="Task"/> names it).</summary>
    public string? Name { get; init; }

    /// <summary>The set of tasks that UNIQUE, CLUSTER, GROUP_BY and MAX_PER count together (an app, a service).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>CPUs, at Mesos's three decimals.</summary>
    public double Cpus { get; init; }

    /// <summary>Memory, in MB.</summary>
    public double Mem { get; init; }

    /// <summary>Disk, in MB (the agent's root disk: no PATH or MOUNT source).</summary>
    public double Disk { get; init; }

    /// <summary>GPUs.</summary>
    public double Gpus { get; init; }

    /// <summary>How many ports, the lowest offered first; they are in <see cref="PlacedTask.Ports"/>.</summary>
    public int Ports { get; init; }

    /// <summary>The role whose offers may take it (a multi-role framework's); any when null. Offers without allocation info (a single-role framework's) take any.</summary>
    public string? Role { get; init; }

    /// <summary>Whether only resources reserved to the offer's role (or its ancestors) will do; otherwise reserved ones are used first, then unreserved.</summary>
    public bool ReservedOnly { get; init; }

    /// <summary>Hard and soft constraints over the agent's hostname, attributes and fault domain.</summary>
    public IReadOnlyList<PlacementConstraint> Constraints { get; init; } = [];

    /// <summary>How to choose among the offers it fits.</summary>
    public Fitness Fitness { get; init; } = Fitness.BinPack;

    /// <summary>The task to launch (command, container, labels ...): copied, with ID, name, agent and resources set. Needed unless <see cref="Executor"/> runs it.</summary>
    public TaskInfo? Task { get; init; }

    /// <summary>
    /// A custom executor to run the task under. Its resources are the executor's overhead: taken from the
    /// offer too, as concrete resources, when it is not already running on the agent (the offer's
    /// <c>executor_ids</c>, or a task placed there in the same match). Later tasks of the match on that agent
    /// name it exactly as the first; where it was already running, it is sent as given, its resources allocated
    /// to the offer's role where they name none (as the master does for a framework without MULTI_ROLE).
    /// </summary>
    public ExecutorInfo? Executor { get; init; }
}
