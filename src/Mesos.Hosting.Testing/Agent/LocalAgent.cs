using Google.Protobuf;
using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Resources;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// One agent: what it is, the frameworks and executor runs it knows, its status update manager, and
/// its life (stop, restart in recovery, removal). Its server, executor API, launches and the runtime that runs
/// its tasks (real processes, or simulated: <see cref="ITaskRuntime"/>) are collaborators of their own; a
/// simulated agent has no server. Its state is guarded by the master's lock.
/// </summary>
internal sealed class LocalAgent : IAsyncDisposable
{
    private readonly Dictionary<(string FrameworkId, string ExecutorId), ExecutorRun> _runs = [];
    private readonly Dictionary<string, FrameworkInfo> _frameworks = new(StringComparer.Ordinal);
    private readonly AgentServer? _server;
    private readonly TaskLauncher _launcher;
    private readonly ITaskRuntime _runtime;
    private ITimer? _recoveryTimer;

    public LocalAgent(MasterState master, AgentReports reports, int index, AgentShape shape, string workDirectory, ExecutorTokens? tokens)
    {
        Master = master;
        Reports = reports;
        Total = shape.Resources;
        Tokens = tokens;
        Id = MasterIds.Agent(master.MasterId, index);
        WorkDirectory = Path.Combine(workDirectory, "slaves", Id);
        Updates = new StatusUpdateManager(master, reports);
        Info = new AgentInfo { Hostname = shape.Hostname ?? Options.Hostname, Id = MesosId.Of<AgentID>(Id) };
        Info.Attributes.AddRange(shape.Attributes);
        Info.Resources.AddRange(shape.Resources.ToResources(allocationRole: null));
        ExecutorApi = new ExecutorApi(this);
        var ends = new ExecutorRunEnds(this);
        _runtime = Options.Simulation is { } simulation ? new SimulatedTaskRuntime(this, simulation, ends) : new ProcessTaskRuntime(this, ends);
        _launcher = new TaskLauncher(this, _runtime);
        _server = _runtime.ServesExecutors ? new AgentServer(this, new ExecutorEndpoint(this), new AgentOperatorEndpoint(this), Options.Hostname) : null;
    }

    /// <summary>The master's state, whose lock guards the agent's too.</summary>
    public MasterState Master { get; }

    /// <summary>Where the agent tells the master what happens on it.</summary>
    public AgentReports Reports { get; }

    public LocalMesosClusterOptions Options => Master.Options;

    public string Id { get; }

    public AgentInfo Info { get; }

    public ResourceBag Total { get; }

    public string WorkDirectory { get; }

    public ExecutorTokens? Tokens { get; }

    public StatusUpdateManager Updates { get; }

    public ExecutorApi ExecutorApi { get; }

    /// <summary>The agent's HTTP port; 0 for a simulated agent, which serves nothing.</summary>
    public int Port => _server?.Port ?? 0;

    public Uri Uri => new($"http://{Options.Hostname}:{Port}/");

    /// <summary>Registered with the master (not removed).</summary>
    public bool IsRegistered { get; private set; } = true;

    /// <summary>True after a restart until executors have had their chance to resubscribe.</summary>
    public bool Recovering { get; private set; }

    public IEnumerable<ExecutorRun> Runs => _runs.Values;

    /// <summary>The master's outstanding offers of this agent's resources, to any framework: kept here so that allocating one agent need not look through every offer.</summary>
    public HashSet<OfferRecord> OutstandingOffers { get; } = new(ReferenceEqualityComparer.Instance);

    public async Task StartAsync(int port)
    {
        if (_server is not null)
        {
            await _server.StartAsync(port).ConfigureAwait(false);
        }

        Info.Port = Port;
    }

    /// <summary>Stops the agent process, as a crash or an upgrade would: executors of checkpointing frameworks live on.</summary>
    public async Task StopAsync()
    {
        lock (Master.Sync)
        {
            Updates.Connected = false;
            foreach (var run in _runs.Values.ToList())
            {
                run.Stream?.Abort();
                run.Stream = null;
                if (!Checkpoints(run.FrameworkId))
                {
                    run.TerminationReason = TaskStatus.Types.Reason.AgentRestarted;
                    _runtime.Destroy(run);
                }
            }
        }

        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the agent again on its port, in recovery: executors must resubscribe in time.</summary>
    public async Task RestartAsync()
    {
        lock (Master.Sync)
        {
            Recovering = true;
        }

        await StartAsync(Port).ConfigureAwait(false);
        lock (Master.Sync)
        {
            Updates.Connected = true;
            Updates.Resend();
            _recoveryTimer?.Dispose();
            _recoveryTimer = Master.Time.CreateTimer(_ => FinishRecoveryUnderLock(), null, Options.ExecutorReregistrationTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Removes the agent from the cluster: everything it runs is killed.</summary>
    public async Task RemoveAsync()
    {
        lock (Master.Sync)
        {
            Remove(AgentRemoval.Removed);
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The master removes the agent and tells it to shut down, which kills everything it runs; the caller holds
    /// the lock, and stops the agent's process (<see cref="StopAsync"/>) once it has let go of it.
    /// </summary>
    public void Remove(AgentRemoval removal)
    {
        if (!IsRegistered)
        {
            return;
        }

        IsRegistered = false;
        Updates.Connected = false;
        Reports.OnAgentRemoved(this, removal);
        foreach (var run in _runs.Values.ToList())
        {
            run.Stream?.Abort();
            _runtime.Destroy(run);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ExecutorRun> runs;
        lock (Master.Sync)
        {
            IsRegistered = false;
            _recoveryTimer?.Dispose();
            Updates.StopRetries();
            runs = [.. _runs.Values];
            foreach (var run in runs)
            {
                run.RegistrationTimer?.Dispose();
                run.ShutdownTimer?.Dispose();
                run.Stream?.Close();
            }
        }

        try
        {
            // Every run's processes are stopped even if another run's release fails.
            await Task.WhenAll(runs.Select(run => _runtime.ReleaseAsync(run).AsTask())).ConfigureAwait(false);
        }
        finally
        {
            if (_server is not null)
            {
                await _server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public ExecutorRun? FindExecutor(string frameworkId, string executorId) => _runs.GetValueOrDefault((frameworkId, executorId));

    public void AddRun(ExecutorRun run) => _runs[(run.FrameworkId, run.ExecutorId)] = run;

    public void RemoveRun(ExecutorRun run) => _runs.Remove((run.FrameworkId, run.ExecutorId));

    public FrameworkInfo? FindFramework(string frameworkId) => _frameworks.GetValueOrDefault(frameworkId);

    /// <summary>The framework of a launch: the agent keeps its FrameworkInfo while it runs anything of it.</summary>
    public void RememberFramework(FrameworkInfo framework) => _frameworks[framework.Id.Value] = framework.Clone();

    /// <summary>The master learned a framework's (new) FrameworkInfo; its updates go out again now.</summary>
    public void FrameworkResubscribed(FrameworkInfo framework)
    {
        if (_frameworks.ContainsKey(framework.Id.Value))
        {
            RememberFramework(framework);
        }

        Updates.Resend(framework.Id.Value);
    }

    public void LaunchTask(FrameworkInfo framework, ExecutorInfo? executor, TaskInfo task) => _launcher.LaunchTask(framework, executor, task);

    public void LaunchGroup(FrameworkInfo framework, ExecutorInfo executor, IReadOnlyList<TaskInfo> tasks) => _launcher.LaunchGroup(framework, executor, tasks);

    public void KillTask(string frameworkId, string taskId, KillPolicy? policy) => _launcher.KillTask(frameworkId, taskId, policy);

    public void Acknowledge(string frameworkId, string taskId, ByteString uuid)
    {
        if (Updates.Acknowledge(frameworkId, taskId, uuid) is { } acknowledged && MesosTaskStates.IsTerminal(acknowledged.State)
            && acknowledged.ExecutorId is { } executorId && FindExecutor(frameworkId, executorId.Value) is { } run)
        {
            run.Tasks.Remove(taskId);
        }
    }

    public void SendMessage(string frameworkId, string executorId, ByteString data)
    {
        if (FindExecutor(frameworkId, executorId) is { } run)
        {
            ExecutorApi.SendMessage(run, data);
        }
    }

    public void ShutdownFramework(string frameworkId)
    {
        Updates.RemoveFramework(frameworkId);
        foreach (var run in _runs.Values.Where(r => r.FrameworkId == frameworkId).ToList())
        {
            _runtime.Shutdown(run);
        }

        _frameworks.Remove(frameworkId);
    }

    public void ShutdownExecutor(string frameworkId, string executorId)
    {
        if (FindExecutor(frameworkId, executorId) is { } run)
        {
            _runtime.Shutdown(run);
        }
    }

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

    /// <summary>An update the agent makes itself (see <see cref="AgentStatus"/>), taken as an executor's would be.</summary>
    public void TakeOwnUpdate(ExecutorRun run, TaskID taskId, TaskState state, TaskStatus.Types.Source source, string? message = null, TaskStatus.Types.Reason? reason = null)
        => TakeUpdate(run, AgentStatus.Create(Info.Id, run, taskId, state, source, Master.Time.GetUtcNow(), message, reason));

    private bool Checkpoints(string frameworkId) => _frameworks.TryGetValue(frameworkId, out var info) && info.Checkpoint;

    private void FinishRecoveryUnderLock()
    {
        lock (Master.Sync)
        {
            Recovering = false;
            foreach (var run in _runs.Values.Where(r => r.Kind == ExecutorKind.Custom && !_runtime.IsAttached(r) && !r.Terminated).ToList())
            {
                run.TerminationReason = TaskStatus.Types.Reason.ExecutorReregistrationTimeout;
                _runtime.Destroy(run);
            }
        }
    }
}
