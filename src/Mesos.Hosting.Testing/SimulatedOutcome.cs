using Mesos.V1;

namespace Mesos.Hosting.Testing;

/// <summary>How a simulated task ends: its end state after it ran for <see cref="Duration"/>, or never on its own (<see cref="RunsUntilKilled"/>).</summary>
public sealed class SimulatedOutcome
{
    private SimulatedOutcome(TaskState end, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero, nameof(duration));
        End = end;
        Duration = duration;
    }

    /// <summary>TASK_FINISHED, TASK_FAILED or TASK_KILLED; TASK_RUNNING for a task that runs until it is killed.</summary>
    public TaskState End { get; }

    /// <summary>How long the task runs before it ends.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The task runs until the framework kills it or its executor or agent goes.</summary>
    public static SimulatedOutcome RunsUntilKilled { get; } = new(TaskState.TaskRunning, TimeSpan.Zero);

    /// <summary>TASK_FINISHED after <paramref name="duration"/>, as a command that exits with status 0.</summary>
    public static SimulatedOutcome Finished(TimeSpan duration) => new(TaskState.TaskFinished, duration);

    /// <summary>TASK_FAILED after <paramref name="duration"/>, as a command that exits with status 1.</summary>
    public static SimulatedOutcome Failed(TimeSpan duration) => new(TaskState.TaskFailed, duration);

    /// <summary>TASK_KILLED after <paramref name="duration"/>, as a command terminated by a signal it did not ask for.</summary>
    public static SimulatedOutcome Killed(TimeSpan duration) => new(TaskState.TaskKilled, duration);
}
