using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Testing.Processes;
using Mesos.Hosting.Wire;
using Mesos.V1;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>Launching executors and tasks, killing them, and what happens when their processes end.</summary>
internal sealed partial class LocalAgent
{
    private static readonly TimeSpan DefaultTaskKillGracePeriod = TimeSpan.FromSeconds(3);

    public void LaunchTask(FrameworkInfo framework, ExecutorInfo? executor, TaskInfo task)
    {
        _frameworks[framework.Id.Value] = framework.Clone();
        if (executor is null)
        {
            var info = new ExecutorInfo
            {
                ExecutorId = MesosId.Of<ExecutorID>(task.TaskId.Value),
                FrameworkId = framework.Id,
                Name = $"Command Executor (Task: {task.TaskId.Value})",
                Command = task.Command,
            };
            var commandRun = NewRun(framework.Id.Value, info, ExecutorKind.Command);
            StartCommand(commandRun, task);
            return;
        }

        Deliver(RunFor(framework, executor), [task]);
    }

    public void LaunchGroup(FrameworkInfo framework, ExecutorInfo executor, IReadOnlyList<TaskInfo> tasks)
    {
        _frameworks[framework.Id.Value] = framework.Clone();
        Deliver(RunFor(framework, executor), [.. tasks]);
    }

    public void KillTask(string frameworkId, string taskId, KillPolicy? policy)
    {
        var run = _executors.Values.FirstOrDefault(r => r.FrameworkId == frameworkId
            && (r.Tasks.ContainsKey(taskId) || r.Commands.ContainsKey(taskId) || r.Queued.Any(g => g.Any(t => t.TaskId.Value == taskId))));
        if (run is null)
        {
            return;
        }

        if (run.Queued.FirstOrDefault(g => g.Any(t => t.TaskId.Value == taskId)) is { } group)
        {
            // Killing one task of an undelivered group kills the whole group.
            run.Queued.Remove(group);
            foreach (var task in group)
            {
                SendAgentUpdate(run, task.TaskId, TaskState.TaskKilled, TaskStatus.Types.Reason.TaskKilledDuringLaunch, "Killed before delivery to the executor");
            }

            return;
        }

        if (run.Commands.TryGetValue(taskId, out var command))
        {
            KillCommand(run, command, policy ?? command.Task.KillPolicy);
        }
        else if (run.Subscribed)
        {
            var kill = new ExecutorEvent.Types.Kill { TaskId = MesosId.Of<TaskID>(taskId) };
            if (policy is not null)
            {
                kill.KillPolicy = policy;
            }

            SendToExecutor(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Kill, Kill = kill });
        }
    }

    public void SendToExecutor(ExecutorRun run, ExecutorEvent evt)
    {
        if (run.Stream is { } stream && stream.Send(evt))
        {
            Master.Journal.Record(new ObservedExecutorEvent(Id, run.ExecutorId, evt, Master.Journal.Now));
        }
    }

    /// <summary>An update the agent itself makes (SOURCE_AGENT), reliable like an executor's.</summary>
    public void SendAgentUpdate(ExecutorRun run, TaskID taskId, TaskState state, TaskStatus.Types.Reason reason, string message)
        => TakeUpdate(run, NewStatus(run, taskId, state, TaskStatus.Types.Source.Agent, message, reason));

    /// <summary>Feeds an update to the status update manager and notes the task's state; false for a duplicate.</summary>
    public bool TakeUpdate(ExecutorRun run, TaskStatus status)
    {
        if (!_frameworks.ContainsKey(run.FrameworkId))
        {
            return false;
        }

        if (run.Tasks.TryGetValue(status.TaskId.Value, out var entry))
        {
            run.Tasks[status.TaskId.Value] = (entry.Task, status.State);
        }

        return Updates.Update(run.FrameworkId, status);
    }

    private TaskStatus NewStatus(ExecutorRun run, TaskID taskId, TaskState state, TaskStatus.Types.Source source, string? message, TaskStatus.Types.Reason? reason)
    {
        var status = new TaskStatus
        {
            TaskId = taskId,
            State = state,
            Source = source,
            AgentId = Info.Id,
            ExecutorId = run.Info.ExecutorId,
            Timestamp = MesosTime.Timestamp(Master.Time.GetUtcNow()),
            Uuid = MesosUuid.NewBytes(),
            ContainerStatus = new ContainerStatus { ContainerId = new ContainerID { Value = run.ContainerId } },
        };
        if (message is not null)
        {
            status.Message = message;
        }

        if (reason is { } why)
        {
            status.Reason = why;
        }

        return status;
    }

    /// <summary>ExecutorInfo.shutdown_grace_period when the framework set one, else the agent's own.</summary>
    public TimeSpan ShutdownGracePeriod(ExecutorRun run)
        => run.Info.ShutdownGracePeriod is { } period ? MesosTime.ToTimeSpan(period) : Options.ExecutorShutdownGracePeriod;

    private ExecutorRun RunFor(FrameworkInfo framework, ExecutorInfo executor)
    {
        if (FindExecutor(framework.Id.Value, executor.ExecutorId.Value) is { Terminated: false } existing)
        {
            return existing;
        }

        var kind = executor.Type == ExecutorInfo.Types.Type.Default ? ExecutorKind.Default : ExecutorKind.Custom;
        var run = NewRun(framework.Id.Value, executor, kind);
        if (kind == ExecutorKind.Custom)
        {
            StartExecutorProcess(run, framework);
        }

        return run;
    }

    private ExecutorRun NewRun(string frameworkId, ExecutorInfo info, ExecutorKind kind)
    {
        var containerId = Guid.NewGuid().ToString("D");
        var sandbox = Directory.CreateDirectory(Path.Combine(WorkDirectory, "frameworks", frameworkId, "executors", info.ExecutorId.Value, "runs", containerId)).FullName;
        var run = new ExecutorRun(frameworkId, info, kind, containerId, sandbox);
        _executors[(frameworkId, info.ExecutorId.Value)] = run;
        return run;
    }

    private void Deliver(ExecutorRun run, List<TaskInfo> tasks)
    {
        if (run.Kind == ExecutorKind.Default)
        {
            tasks.ForEach(task => StartCommand(run, task));
        }
        else if (run.Subscribed && !Recovering)
        {
            SendLaunch(run, tasks);
        }
        else
        {
            run.Queued.Add(tasks);
        }
    }

    private void SendLaunch(ExecutorRun run, List<TaskInfo> tasks)
    {
        foreach (var task in tasks)
        {
            run.Tasks[task.TaskId.Value] = (task, TaskState.TaskStaging);
        }

        if (tasks.Count == 1 && tasks[0].Executor is not null)
        {
            SendToExecutor(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Launch, Launch = new ExecutorEvent.Types.Launch { Task = tasks[0] } });
        }
        else
        {
            var group = new TaskGroupInfo();
            group.Tasks.AddRange(tasks);
            SendToExecutor(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.LaunchGroup, LaunchGroup = new ExecutorEvent.Types.LaunchGroup { TaskGroup = group } });
        }
    }

    private void StartExecutorProcess(ExecutorRun run, FrameworkInfo framework)
    {
        var token = Tokens?.Mint(run.FrameworkId, run.ExecutorId, run.ContainerId);
        try
        {
            run.Process = ChildProcess.Start(ExecutorEnvironment.Argv(run.Info.Command), run.Sandbox, ExecutorEnvironment.For(this, run, framework, token));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            File.WriteAllText(Path.Combine(run.Sandbox, "stderr"), $"Failed to launch the executor: {ex.Message}{System.Environment.NewLine}");
            run.TerminationReason = TaskStatus.Types.Reason.ContainerLaunchFailed;
            _ = Task.Run(() => ExecutorExitedUnderLock(run, 127 << 8));
            return;
        }

        run.RegistrationTimer = Master.Time.CreateTimer(_ => RegistrationTimeoutUnderLock(run), null, Options.ExecutorRegistrationTimeout, Timeout.InfiniteTimeSpan);
        _ = WatchExecutorAsync(run, run.Process);
    }

    private async Task WatchExecutorAsync(ExecutorRun run, ChildProcess process)
    {
        var status = await process.Exited.ConfigureAwait(false);
        ExecutorExitedUnderLock(run, status);
    }

    private void RegistrationTimeoutUnderLock(ExecutorRun run)
    {
        lock (Master.Sync)
        {
            if (run.Stream is null && !run.Terminated)
            {
                run.TerminationReason = TaskStatus.Types.Reason.ExecutorRegistrationTimeout;
                KillRun(run);
            }
        }
    }

    private void ExecutorExitedUnderLock(ExecutorRun run, int waitStatus)
    {
        lock (Master.Sync)
        {
            if (run.Terminated)
            {
                return;
            }

            run.Terminated = true;
            run.RegistrationTimer?.Dispose();
            run.ShutdownTimer?.Dispose();
            run.Stream?.Close();
            _executors.Remove((run.FrameworkId, run.ExecutorId));

            var partitionAware = _frameworks.TryGetValue(run.FrameworkId, out var framework)
                && FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
            var state = run.Kind == ExecutorKind.Command ? TaskState.TaskFailed : partitionAware ? TaskState.TaskGone : TaskState.TaskLost;
            foreach (var task in run.LiveTasks.ToList())
            {
                SendAgentUpdate(run, task.TaskId, state, run.TerminationReason ?? TaskStatus.Types.Reason.ExecutorTerminated, "Executor terminated");
            }

            run.Queued.Clear();

            // Mesos tells frameworks of ended executors, but not of its own command executors.
            if (run.Kind != ExecutorKind.Command)
            {
                Reports.OnExecutorTerminated(this, run.FrameworkId, run.ExecutorId, waitStatus);
            }
        }
    }

    private void Shutdown(ExecutorRun run)
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
                KillCommand(run, command, policy: null);
            }

            return;
        }

        if (!run.Subscribed)
        {
            KillRun(run);
            return;
        }

        SendToExecutor(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Shutdown });
        run.ShutdownTimer = Master.Time.CreateTimer(_ => GracePeriodOverUnderLock(run), null, ShutdownGracePeriod(run), Timeout.InfiniteTimeSpan);
    }

    private void GracePeriodOverUnderLock(ExecutorRun run)
    {
        lock (Master.Sync)
        {
            if (!run.Terminated)
            {
                KillRun(run);
            }
        }
    }

    // The container is destroyed: processes die, and their exits report the tasks.
    private void KillRun(ExecutorRun run)
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
            _ = Task.Run(() => ExecutorExitedUnderLock(run, 9));
        }
    }

    private void StartCommand(ExecutorRun run, TaskInfo task)
    {
        run.Tasks[task.TaskId.Value] = (task, TaskState.TaskStaging);
        TakeUpdate(run, NewStatus(run, task.TaskId, TaskState.TaskStarting, TaskStatus.Types.Source.Executor, null, null));
        CommandRunner runner;
        try
        {
            runner = CommandRunner.Start(task, run, this);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            TakeUpdate(run, NewStatus(run, task.TaskId, TaskState.TaskFailed, TaskStatus.Types.Source.Executor, $"Failed to launch the command: {ex.Message}", TaskStatus.Types.Reason.CommandExecutorFailed));
            CommandEndedUnderLock(run);
            return;
        }

        run.Commands[task.TaskId.Value] = runner;
        TakeUpdate(run, NewStatus(run, task.TaskId, TaskState.TaskRunning, TaskStatus.Types.Source.Executor, null, null));
        _ = WatchCommandAsync(run, runner);
    }

    private async Task WatchCommandAsync(ExecutorRun run, CommandRunner runner)
    {
        var waitStatus = await runner.Process.Exited.ConfigureAwait(false);
        await runner.Process.DisposeAsync().ConfigureAwait(false);
        lock (Master.Sync)
        {
            run.Commands.Remove(runner.Task.TaskId.Value);
            var (state, message) = runner.KillRequested ? (TaskState.TaskKilled, "Command terminated with signal Terminated")
                : waitStatus == 0 ? (TaskState.TaskFinished, "Command exited with status 0")
                : (waitStatus & 0xFF) != 0 ? (TaskState.TaskFailed, $"Command terminated with signal {waitStatus & 0x7F}")
                : (TaskState.TaskFailed, $"Command exited with status {waitStatus >> 8}");
            TakeUpdate(run, NewStatus(run, runner.Task.TaskId, state, TaskStatus.Types.Source.Executor, message, state == TaskState.TaskFailed ? TaskStatus.Types.Reason.CommandExecutorFailed : null));
            CommandEndedUnderLock(run);
        }
    }

    // A command or default executor ends with its last task.
    private void CommandEndedUnderLock(ExecutorRun run)
    {
        if (run.Commands.Count == 0 && !run.Terminated)
        {
            run.Terminated = true;
            _executors.Remove((run.FrameworkId, run.ExecutorId));
            if (run.Kind == ExecutorKind.Default)
            {
                Reports.OnExecutorTerminated(this, run.FrameworkId, run.ExecutorId, 0);
            }
        }
    }

    private void KillCommand(ExecutorRun run, CommandRunner command, KillPolicy? policy)
    {
        if (command.KillRequested)
        {
            return;
        }

        command.KillRequested = true;
        if (_frameworks.TryGetValue(run.FrameworkId, out var framework) && FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.TaskKillingState))
        {
            TakeUpdate(run, NewStatus(run, command.Task.TaskId, TaskState.TaskKilling, TaskStatus.Types.Source.Executor, null, null));
        }

        var grace = policy?.GracePeriod is { } period ? MesosTime.ToTimeSpan(period) : DefaultTaskKillGracePeriod;
        _ = command.Process.StopAsync(grace, Master.Time);
    }
}
