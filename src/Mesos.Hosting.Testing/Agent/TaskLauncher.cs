using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// The master's launches and kills on one agent: each task goes to its executor run (opened if need be) and the
/// agent's <see cref="ITaskRuntime"/> runs it. Called with the lock held.
/// </summary>
internal sealed class TaskLauncher(LocalAgent agent, ITaskRuntime runtime)
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
            runtime.Run(NewRun(framework, info, ExecutorKind.Command), [task]);
            return;
        }

        runtime.Run(RunFor(framework, executor), [task]);
    }

    public void LaunchGroup(FrameworkInfo framework, ExecutorInfo executor, IReadOnlyList<TaskInfo> tasks)
    {
        agent.RememberFramework(framework);
        runtime.Run(RunFor(framework, executor), [.. tasks]);
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

        runtime.Kill(run, taskId, policy);
    }

    private ExecutorRun RunFor(FrameworkInfo framework, ExecutorInfo executor)
    {
        if (agent.FindExecutor(framework.Id.Value, executor.ExecutorId.Value) is { Terminated: false } existing)
        {
            return existing;
        }

        return NewRun(framework, executor, executor.Type == ExecutorInfo.Types.Type.Default ? ExecutorKind.Default : ExecutorKind.Custom);
    }

    private ExecutorRun NewRun(FrameworkInfo framework, ExecutorInfo info, ExecutorKind kind)
    {
        var containerId = Guid.NewGuid().ToString("D");
        var sandbox = Path.Combine(agent.WorkDirectory, "frameworks", framework.Id.Value, "executors", info.ExecutorId.Value, "runs", containerId);
        var run = new ExecutorRun(framework.Id.Value, info, kind, containerId, sandbox);
        agent.AddRun(run);
        runtime.Open(run, framework);
        return run;
    }
}
