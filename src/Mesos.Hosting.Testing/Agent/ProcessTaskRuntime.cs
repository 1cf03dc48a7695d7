using Mesos.Hosting.Testing.Processes;
using Mesos.V1;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// Tasks as a real agent runs them: command tasks are the agent's own child processes, custom executors are
/// processes that subscribe over HTTP and get their tasks on the executor API (queued until they subscribe).
/// </summary>
internal sealed class ProcessTaskRuntime : ITaskRuntime
{
    private readonly LocalAgent _agent;
    private readonly CommandTaskRunner _commands;
    private readonly ExecutorRunner _executors;

    public ProcessTaskRuntime(LocalAgent agent, ExecutorRunEnds ends)
    {
        _agent = agent;
        _commands = new CommandTaskRunner(agent, ends);
        _executors = new ExecutorRunner(agent, _commands, ends);
    }

    public bool ServesExecutors => true;

    public void Open(ExecutorRun run, FrameworkInfo framework)
    {
        Directory.CreateDirectory(run.Sandbox);
        if (run.Kind == ExecutorKind.Custom)
        {
            _executors.Start(run, framework);
        }
    }

    public void Run(ExecutorRun run, List<TaskInfo> tasks)
    {
        if (run.Kind != ExecutorKind.Custom)
        {
            tasks.ForEach(task => _commands.Start(run, task));
        }
        else if (run.Subscribed && !_agent.Recovering)
        {
            _agent.ExecutorApi.Launch(run, tasks);
        }
        else
        {
            run.Queued.Add(tasks);
        }
    }

    public void Kill(ExecutorRun run, string taskId, KillPolicy? policy)
    {
        if (run.Commands.TryGetValue(taskId, out var command))
        {
            _commands.Kill(run, command, policy ?? command.Task.KillPolicy);
        }
        else if (run.Subscribed)
        {
            var kill = new ExecutorEvent.Types.Kill { TaskId = new TaskID { Value = taskId } };
            if (policy is not null)
            {
                kill.KillPolicy = policy;
            }

            _agent.ExecutorApi.Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Kill, Kill = kill });
        }
    }

    public void Shutdown(ExecutorRun run) => _executors.Shutdown(run);

    public void Destroy(ExecutorRun run) => _executors.Kill(run);

    public bool IsAttached(ExecutorRun run) => run.Subscribed;

    public async ValueTask ReleaseAsync(ExecutorRun run)
    {
        // A command that ends meanwhile leaves the run's list under the lock.
        List<ChildProcess> processes;
        lock (_agent.Master.Sync)
        {
            processes = [.. run.Commands.Values.Select(c => c.Process)];
        }

        if (run.Process is { } executor)
        {
            processes.Add(executor);
        }

        // All at once: each disposal kills its process group before it waits, so one that fails leaves none running.
        await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
