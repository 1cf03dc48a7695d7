using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Processes;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// Runs command tasks as the agent's own command and default executors do: starts each task's
/// process, reports it STARTING then RUNNING, watches it to its end, and kills it when asked.
/// </summary>
internal sealed class CommandTaskRunner(LocalAgent agent, ExecutorRunEnds ends)
{
    private static readonly TimeSpan DefaultTaskKillGracePeriod = TimeSpan.FromSeconds(3);

    public void Start(ExecutorRun run, TaskInfo task)
    {
        run.Tasks[task.TaskId.Value] = (task, TaskState.TaskStaging);
        agent.TakeOwnUpdate(run, task.TaskId, TaskState.TaskStarting, TaskStatus.Types.Source.Executor);
        CommandTask command;
        try
        {
            command = new CommandTask(task, ChildProcess.Start(ExecutorEnvironment.Argv(task.Command), Sandbox(run, task), ExecutorEnvironment.ForCommandTask(agent, run, task)));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            agent.TakeOwnUpdate(run, task.TaskId, TaskState.TaskFailed, TaskStatus.Types.Source.Executor, $"Failed to launch the command: {ex.Message}",
                TaskStatus.Types.Reason.CommandExecutorFailed);
            if (run.Commands.Count == 0)
            {
                ends.LastTaskEnded(run);
            }

            return;
        }

        run.Commands[task.TaskId.Value] = command;
        agent.TakeOwnUpdate(run, task.TaskId, TaskState.TaskRunning, TaskStatus.Types.Source.Executor);
        _ = WatchAsync(run, command);
    }

    /// <summary>Kills a command task: TASK_KILLING first if the framework understands it, then the process stops within the grace period.</summary>
    public void Kill(ExecutorRun run, CommandTask command, KillPolicy? policy)
    {
        if (command.KillRequested)
        {
            return;
        }

        command.KillRequested = true;
        if (agent.FindFramework(run.FrameworkId) is { } framework && FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.TaskKillingState))
        {
            agent.TakeOwnUpdate(run, command.Task.TaskId, TaskState.TaskKilling, TaskStatus.Types.Source.Executor);
        }

        var grace = policy?.GracePeriod is { } period ? MesosTime.ToTimeSpan(period) : DefaultTaskKillGracePeriod;
        _ = command.Process.StopAsync(grace, agent.Master.Time);
    }

    // A default executor's tasks each get a directory of their own in its sandbox; a command executor's task has the sandbox.
    private static string Sandbox(ExecutorRun run, TaskInfo task)
        => run.Kind == ExecutorKind.Default ? Directory.CreateDirectory(Path.Combine(run.Sandbox, "tasks", task.TaskId.Value)).FullName : run.Sandbox;

    // Started with the lock held: a command that has already exited is handled on another thread, once the launch is done.
    private async Task WatchAsync(ExecutorRun run, CommandTask command)
    {
        var waitStatus = await command.Process.Exited.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        await command.Process.DisposeAsync().ConfigureAwait(false);
        lock (agent.Master.Sync)
        {
            run.Commands.Remove(command.Task.TaskId.Value);
            // As Mesos's executors have it, an end whose status is unknown is a failure, even of a task being killed.
            var state = waitStatus == ChildExit.UnknownStatus ? TaskState.TaskFailed
                : command.KillRequested ? TaskState.TaskKilled
                : waitStatus == 0 ? TaskState.TaskFinished : TaskState.TaskFailed;
            var (message, reason) = ExecutorRunEnds.CommandEnd(state, waitStatus);
            agent.TakeOwnUpdate(run, command.Task.TaskId, state, TaskStatus.Types.Source.Executor, message, reason);
            if (run.Commands.Count == 0)
            {
                ends.LastTaskEnded(run);
            }
        }
    }
}
