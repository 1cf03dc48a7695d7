using Mesos.V1;

namespace Mesos.Hosting.Testing;

/// <summary>
/// Makes a <see cref="LocalMesosCluster"/>'s agents simulated: command tasks and executor-based tasks run in process
/// (no child process, no executor over HTTP, no agent HTTP server), going STARTING, RUNNING and then to the end
/// <see cref="Outcome"/> gives them, through the same status update manager, master, offers and journal as real
/// agents; kills are obeyed (TASK_KILLING for frameworks that understand it, then TASK_KILLED). Thousands of such
/// agents and a hundred thousand tasks fit on one machine.
/// </summary>
/// <example><code>
/// new LocalMesosClusterOptions
/// {
///     Agents = 1000,
///     Simulation = new TaskSimulation { Outcome = task => task.Name.StartsWith("bad", StringComparison.Ordinal)
///         ? SimulatedOutcome.Failed(TimeSpan.FromSeconds(1)) : SimulatedOutcome.Finished(TimeSpan.FromMilliseconds(50)) },
/// };
/// </code></example>
public sealed class TaskSimulation
{
    /// <summary>How long a task runs when <see cref="Outcome"/> is not set: it finishes after this.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>How each task ends and after how long, chosen from its TaskInfo; unset, every task finishes after <see cref="DefaultDuration"/>.</summary>
    public Func<TaskInfo, SimulatedOutcome>? Outcome { get; init; }

    internal SimulatedOutcome OutcomeOf(TaskInfo task) => Outcome?.Invoke(task) ?? SimulatedOutcome.Finished(DefaultDuration);
}
