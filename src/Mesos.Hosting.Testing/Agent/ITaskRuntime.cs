using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// How an agent runs what the master gives it: as real processes (<see cref="ProcessTaskRuntime"/>: command tasks
/// and custom executors are child processes, executors speak the executor API over HTTP) or in process
/// (<see cref="SimulatedTaskRuntime"/>). Either way the updates go through the agent's status update manager, and
/// the agent's bookkeeping (runs, frameworks, recovery, removal) is the same. Called with the lock held.
/// </summary>
internal interface ITaskRuntime
{
    /// <summary>Whether executors reach the agent over HTTP, so that it needs a server of its own.</summary>
    bool ServesExecutors { get; }

    /// <summary>A new executor run: its container is made and, for a custom executor, the executor started.</summary>
    void Open(ExecutorRun run, FrameworkInfo framework);

    /// <summary>Runs tasks (one, or a group) in a run <see cref="Open"/> made.</summary>
    void Run(ExecutorRun run, List<TaskInfo> tasks);

    /// <summary>Kills one of a run's tasks, honouring the kill policy's grace period where a process has one.</summary>
    void Kill(ExecutorRun run, string taskId, KillPolicy? policy);

    /// <summary>Shuts a run down gracefully: its tasks are killed and the executor ends.</summary>
    void Shutdown(ExecutorRun run);

    /// <summary>Destroys a run's container at once, as the agent does on removal, on timeouts and when it stops.</summary>
    void Destroy(ExecutorRun run);

    /// <summary>Whether the run's executor is attached to the agent (what recovery waits for).</summary>
    bool IsAttached(ExecutorRun run);

    /// <summary>Frees what the run holds outside the lock once the agent goes away; nothing it started may outlive it.</summary>
    ValueTask ReleaseAsync(ExecutorRun run);
}
