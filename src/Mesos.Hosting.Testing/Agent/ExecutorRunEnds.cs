using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Processes;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>What the agent does when an executor run ends, however its tasks ran. Called with the lock held.</summary>
internal sealed class ExecutorRunEnds(LocalAgent agent)
{
    /// <summary>
    /// An executor ended: tasks it left unfinished fail (command executor) or are lost (gone for partition-aware
    /// frameworks), and the framework hears of the executor's end unless it was the agent's own command executor.
    /// </summary>
    public void Exited(ExecutorRun run, int waitStatus)
    {
        if (run.Terminated)
        {
            return;
        }

        run.Terminated = true;
        run.RegistrationTimer?.Dispose();
        run.ShutdownTimer?.Dispose();
        run.Stream?.Close();
        agent.RemoveRun(run);

        var partitionAware = agent.FindFramework(run.FrameworkId) is { } framework
            && FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
        var state = run.Kind == ExecutorKind.Command ? TaskState.TaskFailed : partitionAware ? TaskState.TaskGone : TaskState.TaskLost;
        foreach (var task in run.LiveTasks.ToList())
        {
            agent.TakeOwnUpdate(run, task.TaskId, state, TaskStatus.Types.Source.Agent, "Executor terminated",
                run.TerminationReason ?? TaskStatus.Types.Reason.ExecutorTerminated);
        }

        run.Queued.Clear();

        // Mesos tells frameworks of ended executors, but not of its own command executors.
        if (run.Kind != ExecutorKind.Command)
        {
            agent.Reports.OnExecutorTerminated(agent, run.FrameworkId, run.ExecutorId, waitStatus);
        }
    }

    /// <summary>A command or default executor ends with its last task.</summary>
    public void LastTaskEnded(ExecutorRun run)
    {
        if (run.Terminated)
        {
            return;
        }

        run.Terminated = true;
        agent.RemoveRun(run);
        if (run.Kind == ExecutorKind.Default)
        {
            agent.Reports.OnExecutorTerminated(agent, run.FrameworkId, run.ExecutorId, 0);
        }
    }

    /// <summary>The message and reason a command task's end carries, as Mesos's command executor words them.</summary>
    public static (string Message, TaskStatus.Types.Reason? Reason) CommandEnd(TaskState state, int waitStatus) => state switch
    {
        TaskState.TaskKilled => ("Command terminated with signal Terminated", null),
        TaskState.TaskFinished => ("Command exited with status 0", null),
        _ when waitStatus == ChildExit.UnknownStatus => ("Command terminated with unknown status", TaskStatus.Types.Reason.CommandExecutorFailed),
        _ when (waitStatus & 0xFF) != 0 => ($"Command terminated with signal {waitStatus & 0x7F}", TaskStatus.Types.Reason.CommandExecutorFailed),
        _ => ($"Command exited with status {waitStatus >> 8}", TaskStatus.Types.Reason.CommandExecutorFailed),
    };
}
