using Mesos.Hosting.Testing.Processes;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>A command task's process, run by the agent itself in the executor's sandbox.</summary>
internal sealed class CommandTask(TaskInfo task, ChildProcess process)
{
    public TaskInfo Task { get; } = task;

    public ChildProcess Process { get; } = process;

    /// <summary>Set once a kill is under way, so that the process's end reads as TASK_KILLED and a second kill does nothing.</summary>
    public bool KillRequested { get; set; }
}
