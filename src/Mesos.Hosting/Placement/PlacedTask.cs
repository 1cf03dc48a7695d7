using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>A request the matcher placed: the task to launch, the ports it got, and where it now runs.</summary>
/// <param name="Request">The request.</param>
/// <param name="Task">The task, with its agent and concrete resources (reservations and allocation as offered).</param>
/// <param name="Ports">The ports it was given, lowest first.</param>
/// <param name="Placement">Where it runs, to pass to the next match as a running task.</param>
public sealed record PlacedTask(TaskRequest Request, TaskInfo Task, IReadOnlyList<ulong> Ports, TaskPlacement Placement);
