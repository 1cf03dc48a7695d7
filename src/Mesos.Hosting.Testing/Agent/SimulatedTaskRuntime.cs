using Mesos.Hosting.Testing.Master;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// Tasks simulated in process: each goes STARTING and RUNNING at once and ends as the cluster's
/// <see cref="TaskSimulation"/> says, on a timer of the cluster's clock. The updates are the agent's own, with the
/// fields its command executor gives them (source, uuid, agent, executor, timestamp, container status), and those
/// of a custom executor without the container status, as an executor's UPDATE carries none. Kills end a task at
/// once. A simulated executor is attached from the start and stays until it is shut down, as a real one does.
/// </summary>
internal sealed class SimulatedTaskRuntime(LocalAgent agent, TaskSimulation simulation, ExecutorRunEnds ends) : ITaskRuntime
{
    private readonly Dictionary<(string FrameworkId, string TaskId), SimulatedTask> _tasks = [];

    public bool ServesExecutors => false;

    public void Open(ExecutorRun run, FrameworkInfo framework)
    {
        // Nothing to start: the simulated executor is there as soon as its run is.
    }

    public void Run(ExecutorRun run, List<TaskInfo> tasks)
    {
        foreach (var task in tasks)
        {
            Start(run, task);
        }
    }

    public void Kill(ExecutorRun run, string taskId, KillPolicy? policy)
    {
        if (!_tasks.TryGetValue((run.FrameworkId, taskId), out var task))
        {
            return;
        }

        if (agent.FindFramework(run.FrameworkId) is { } framework && FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.TaskKillingState))
        {
            Report(run, task.Info.TaskId, TaskState.TaskKilling);
        }

        End(task, TaskState.TaskKilled);
    }

    public void Shutdown(ExecutorRun run)
    {
        if (run.ShuttingDown || run.Terminated)
        {
            return;
        }

        run.ShuttingDown = true;
        foreach (var task in TasksOf(run))
        {
            Kill(run, task.Info.TaskId.Value, policy: null);
        }

        if (run.Kind == ExecutorKind.Custom)
        {
            ends.Exited(run, 0);
        }
    }

    public void Destroy(ExecutorRun run)
    {
        if (run.Kind == ExecutorKind.Custom)
        {
            // As a killed executor process: what it ran is lost with it.
            foreach (var task in TasksOf(run))
            {
                Forget(task);
            }

            ends.Exited(run, 9);
            return;
        }

        foreach (var task in TasksOf(run))
        {
            End(task, TaskState.TaskKilled);
        }
    }

    public bool IsAttached(ExecutorRun run) => !run.Terminated;

    public ValueTask ReleaseAsync(ExecutorRun run)
    {
        foreach (var task in TasksOf(run))
        {
            Forget(task);
        }

        return ValueTask.CompletedTask;
    }

    private void Start(ExecutorRun run, TaskInfo info)
    {
        run.Tasks[info.TaskId.Value] = (info, TaskState.TaskStaging);
        var task = new SimulatedTask(run, info);
        _tasks[(run.FrameworkId, info.TaskId.Value)] = task;
        Report(run, info.TaskId, TaskState.TaskStarting);
        Report(run, info.TaskId, TaskState.TaskRunning);
        var outcome = simulation.OutcomeOf(info);
        if (outcome.End != TaskState.TaskRunning)
        {
            task.Timer = agent.Master.Time.CreateTimer(_ => EndUnderLock(task, outcome.End), null, outcome.Duration, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndUnderLock(SimulatedTask task, TaskState state)
    {
        lock (agent.Master.Sync)
        {
            End(task, state);
        }
    }

    private void End(SimulatedTask task, TaskState state)
    {
        if (!Forget(task))
        {
            return;
        }

        var (message, reason) = ExecutorRunEnds.CommandEnd(state, waitStatus: 1 << 8);
        Report(task.Run, task.Info.TaskId, state, message, reason);
        if (task.Run.Kind != ExecutorKind.Custom && TasksOf(task.Run).Count == 0)
        {
            ends.LastTaskEnded(task.Run);
        }
    }

    // False when the task had already ended.
    private bool Forget(SimulatedTask task)
    {
        task.Timer?.Dispose();
        return _tasks.Remove((task.Run.FrameworkId, task.Info.TaskId.Value));
    }

    private List<SimulatedTask> TasksOf(ExecutorRun run)
        => [.. run.Tasks.Keys.Select(id => _tasks.GetValueOrDefault((run.FrameworkId, id))).OfType<SimulatedTask>().Where(t => t.Run == run)];

    private void Report(ExecutorRun run, TaskID taskId, TaskState state, string? message = null, TaskStatus.Types.Reason? reason = null)
    {
        var status = AgentStatus.Create(agent.Info.Id, run, taskId, state, TaskStatus.Types.Source.Executor, agent.Master.Time.GetUtcNow(), message, reason);
        if (run.Kind == ExecutorKind.Custom)
        {
            status.ContainerStatus = null;
        }

        agent.TakeUpdate(run, status);
    }

    private sealed class SimulatedTask(ExecutorRun run, TaskInfo info)
    {
        public ExecutorRun Run { get; } = run;

        public TaskInfo Info { get; } = info;

        public ITimer? Timer { get; set; }
    }
}
