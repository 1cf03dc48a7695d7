using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Testing.Processes;
using Mesos.V1;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// Runs executors: starts a custom executor's process and watches it (registration timeout, its
/// exit), shuts runs down gracefully, and destroys their containers when grace runs out.
/// </summary>
internal sealed class ExecutorRunner(LocalAgent agent, CommandTaskRunner commands, ExecutorRunEnds ends)
{
    /// <summary>Starts a custom executor's process, which must subscribe within the registration timeout.</summary>
    public void Start(ExecutorRun run, FrameworkInfo framework)
    {
        var token = agent.Tokens?.Mint(run.FrameworkId, run.ExecutorId, run.ContainerId);
        var journal = agent.Master.Journal;
        var startedAt = journal.Now;
        try
        {
            run.Process = ChildProcess.Start(ExecutorEnvironment.Argv(run.Info.Command), run.Sandbox, ExecutorEnvironment.For(agent, run, framework, token));
            journal.Record(new ObservedExecutorLaunch(agent.Id, run.ExecutorId, run.Process.Pid, startedAt));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            File.WriteAllText(Path.Combine(run.Sandbox, "stderr"), $"Failed to launch the executor: {ex.Message}{System.Environment.NewLine}");
            run.TerminationReason = TaskStatus.Types.Reason.ContainerLaunchFailed;
            _ = Task.Run(() => ExitedUnderLock(run, 127 << 8));
            return;
        }

        run.RegistrationTimer = agent.Master.Time.CreateTimer(_ => RegistrationTimeoutUnderLock(run), null, agent.Options.ExecutorRegistrationTimeout, Timeout.InfiniteTimeSpan);
        _ = WatchAsync(run, run.Process);
    }

    /// <summary>SHUTDOWN for a subscribed custom executor, with its grace period; anything else is killed at once.</summary>
    public void Shutdown(ExecutorRun run)
    {
        if (run.ShuttingDown || run.Terminated)
        {
            return;
        }

        run.ShuttingDown = true;
        if (run.Kind != ExecutorKind.Custom)
        {
            foreach (var command in run.Commands.Values)
            {
                commands.Kill(run, command, policy: null);
            }

            return;
        }

        if (!run.Subscribed)
        {
            Kill(run);
            return;
        }

        agent.ExecutorApi.Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Shutdown });
        run.ShutdownTimer = agent.Master.Time.CreateTimer(_ => GracePeriodOverUnderLock(run), null, TimerRange.Clamp(run.ShutdownGracePeriod(agent.Options.ExecutorShutdownGracePeriod)), Timeout.InfiniteTimeSpan);
    }

    // The container is destroyed: processes die, and their exits report the tasks.
    public void Kill(ExecutorRun run)
    {
        foreach (var command in run.Commands.Values)
        {
            command.KillRequested = true;
            command.Process.Kill();
        }

        if (run.Process is { } process)
        {
            process.Kill();
        }
        else if (run.Kind == ExecutorKind.Custom)
        {
            _ = Task.Run(() => ExitedUnderLock(run, 9));
        }
    }

    // Started with the lock held, before the launch has queued its tasks: a process that has already exited must not
    // be handled on this thread (the lock is re-entrant), or its end would find no task to fail and the launch would
    // then queue them on a run that is gone.
    private async Task WatchAsync(ExecutorRun run, ChildProcess process)
    {
        var status = await process.Exited.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        ExitedUnderLock(run, status);
    }

    private void RegistrationTimeoutUnderLock(ExecutorRun run)
    {
        lock (agent.Master.Sync)
        {
            if (run.Stream is null && !run.Terminated)
            {
                run.TerminationReason = TaskStatus.Types.Reason.ExecutorRegistrationTimeout;
                Kill(run);
            }
        }
    }

    private void GracePeriodOverUnderLock(ExecutorRun run)
    {
        lock (agent.Master.Sync)
        {
            if (!run.Terminated)
            {
                Kill(run);
            }
        }
    }

    private void ExitedUnderLock(ExecutorRun run, int waitStatus)
    {
        lock (agent.Master.Sync)
        {
            ends.Exited(run, waitStatus);
        }
    }
}
