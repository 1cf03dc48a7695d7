using Mesos.Hosting.Wire;
using Mesos.V1;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// The master's launches and kills on one agent: each task goes to its executor run (started if
/// need be), delivered at once, queued until the executor subscribes, or run as a command. Called
/// with the lock held.
/// </summary>
internal sealed class TaskLauncher(LocalAgent agent, CommandTaskRunner commands, ExecutorRunner executors)
{
    public void LaunchTask(FrameworkInfo framework, ExecutorInfo? executor, TaskInfo task)
    {
        agent.RememberFramework(framework);
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
            commands.Start(commandRun, task);
            return;
        }

        Deliver(RunFor(framework, executor), [task]);
    }

    public void LaunchGroup(FrameworkInfo framework, ExecutorInfo executor, IReadOnlyList<TaskInfo> tasks)
    {
        agent.RememberFramework(framework);
        Deliver(RunFor(framework, executor), [.. tasks]);
    }

    public void KillTask(string frameworkId, string taskId, KillPolicy? policy)
    {
        var run = agent.Runs.FirstOrDefault(r => r.FrameworkId == frameworkId
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
                agent.TakeOwnUpdate(run, task.TaskId, TaskState.TaskKilled, TaskStatus.Types.Source.Agent, "Killed before delivery to the executor",
                    TaskStatus.Types.Reason.TaskKilledDuringLaunch);
            }

            return;
        }

        if (run.Commands.TryGetValue(taskId, out var command))
        {
            commands.Kill(run, command, policy ?? command.Task.KillPolicy);
        }
        else if (run.Subscribed)
        {
            var kill = new ExecutorEvent.Types.Kill { TaskId = MesosId.Of<TaskID>(taskId) };
            if (policy is not null)
            {
                kill.KillPolicy = policy;
            }

            agent.ExecutorApi.Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Kill, Kill = kill });
        }
    }

    private ExecutorRun RunFor(FrameworkInfo framework, ExecutorInfo executor)
    {
        if (agent.FindExecutor(framework.Id.Value, executor.ExecutorId.Value) is { Terminated: false } existing)
        {
            return existing;
        }

        var kind = executor.Type == ExecutorInfo.Types.Type.Default ? ExecutorKind.Default : ExecutorKind.Custom;
        var run = NewRun(framework.Id.Value, executor, kind);
        if (kind == ExecutorKind.Custom)
        {
            executors.Start(run, framework);
        }

        return run;
    }

    private ExecutorRun NewRun(string frameworkId, ExecutorInfo info, ExecutorKind kind)
    {
        var containerId = Guid.NewGuid().ToString("D");
        var sandbox = Directory.CreateDirectory(Path.Combine(agent.WorkDirectory, "frameworks", frameworkId, "executors", info.ExecutorId.Value, "runs", containerId)).FullName;
        var run = new ExecutorRun(frameworkId, info, kind, containerId, sandbox);
        agent.AddRun(run);
        return run;
    }

    private void Deliver(ExecutorRun run, List<TaskInfo> tasks)
    {
        if (run.Kind == ExecutorKind.Default)
        {
            tasks.ForEach(task => commands.Start(run, task));
        }
        else if (run.Subscribed && !agent.Recovering)
        {
            agent.ExecutorApi.Launch(run, tasks);
        }
        else
        {
            run.Queued.Add(tasks);
        }
    }
}
