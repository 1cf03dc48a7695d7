using Mesos.Hosting.Testing.Processes;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>One run of an executor on an agent: its container, process, stream and tasks.</summary>
internal sealed class ExecutorRun(string frameworkId, ExecutorInfo info, ExecutorKind kind, string containerId, string sandbox)
{
    public string FrameworkId { get; } = frameworkId;

    public ExecutorInfo Info { get; } = info;

    public string ExecutorId => Info.ExecutorId.Value;

    public ExecutorKind Kind { get; } = kind;

    public string ContainerId { get; } = containerId;

    public string Sandbox { get; } = sandbox;

    /// <summary>The executor's process (custom executors only).</summary>
    public ChildProcess? Process { get; set; }

    /// <summary>The executor's subscription stream, while it has one.</summary>
    public IEventStream? Stream { get; set; }

    public bool Subscribed => Stream is { IsClosed: false };

    /// <summary>Launches not yet delivered because the executor has not subscribed (each a task or a group).</summary>
    public List<List<TaskInfo>> Queued { get; } = [];

    /// <summary>Tasks delivered or running, with their latest state, until terminal.</summary>
    public Dictionary<string, (TaskInfo Task, TaskState State)> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>Command tasks' processes (command and default executors).</summary>
    public Dictionary<string, CommandTask> Commands { get; } = new(StringComparer.Ordinal);

    public ITimer? RegistrationTimer { get; set; }

    public ITimer? ShutdownTimer { get; set; }

    public bool ShuttingDown { get; set; }

    /// <summary>Why the run ended, when the agent ended it; reported on its tasks.</summary>
    public TaskStatus.Types.Reason? TerminationReason { get; set; }

    public bool Terminated { get; set; }

    /// <summary>ExecutorInfo.shutdown_grace_period when the framework set one, else the agent's own.</summary>
    public TimeSpan ShutdownGracePeriod(TimeSpan agentDefault)
        => Info.ShutdownGracePeriod is { } period ? MesosTime.ToTimeSpan(period) : agentDefault;

    public IEnumerable<TaskInfo> LiveTasks => Queued.SelectMany(g => g).Concat(Tasks.Values.Where(t => !MesosTaskStates.IsTerminal(t.State)).Select(t => t.Task));
}
