using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// What the master knows: the master endpoints and their leader, frameworks, agents, executors and
/// the resources in use on each agent. One lock (<see cref="Sync"/>) guards it and the agents' state
/// alike, so no interleaving of calls, updates and timers can tear it; every member expects it held.
/// </summary>
internal sealed class MasterState(LocalMesosClusterOptions options, ClusterJournal journal, TimeProvider time)
{
    /// <summary>Mesos's default --max_completed_frameworks: the oldest removed framework is forgotten beyond it.</summary>
    public const int MaxCompletedFrameworks = 50;

    private readonly Dictionary<string, FrameworkRecord> _frameworks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedFrameworks = new(StringComparer.Ordinal);
    private readonly Queue<FrameworkRecord> _completedFrameworks = new();
    private readonly List<LocalAgent> _agents = [];
    private readonly Dictionary<string, LocalAgent> _agentsById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedAgents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceBag> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<(string AgentId, string FrameworkId, string ExecutorId), (ExecutorInfo Info, ResourceBag Resources)> _executors = [];

    // The executor IDs by agent and framework, which every offer names: looking through all executors per offer would
    // make allocation grow with the product of agents and executors.
    private readonly Dictionary<(string AgentId, string FrameworkId), HashSet<string>> _executorIds = [];
    private long _frameworkSequence;

    public object Sync { get; } = new();

    public string MasterId { get; } = Guid.NewGuid().ToString("D");

    public LocalMesosClusterOptions Options { get; } = options;

    public ClusterJournal Journal { get; } = journal;

    public TimeProvider Time { get; } = time;

    /// <summary>When the master started, for its uptime.</summary>
    public DateTimeOffset StartTime { get; } = time.GetUtcNow();

    /// <summary>Agents operators deactivated, drained or marked gone.</summary>
    public AgentAdministration Administration { get; } = new();

    /// <summary>The maintenance schedule and its machines' modes.</summary>
    public MaintenanceState Maintenance { get; } = new();

    /// <summary>Registered agents that may be offered: not deactivated (nor draining).</summary>
    public IEnumerable<LocalAgent> ActiveAgents => _agents.Where(a => a.IsRegistered && !Administration.IsDeactivated(a.Id));

    /// <summary>The MasterInfo of each master endpoint, by index.</summary>
    public List<MasterInfo> Masters { get; } = [];

    /// <summary>The index of the leading master, or -1 while none is elected.</summary>
    public int LeaderIndex { get; set; }

    /// <summary>Until when the leader answers 503 "Master has not finished recovery".</summary>
    public DateTimeOffset RecoveringUntil { get; set; }

    public IReadOnlyList<LocalAgent> Agents => _agents;

    public IEnumerable<FrameworkRecord> Frameworks => _frameworks.Values;

    /// <summary>Removed frameworks with their completed tasks, oldest first, as Mesos keeps them for its operator API and state.</summary>
    public IReadOnlyCollection<FrameworkRecord> CompletedFrameworks => _completedFrameworks;

    public FrameworkRecord? FindFramework(string id) => _frameworks.GetValueOrDefault(id);

    public bool WasRemovedFramework(string id) => _removedFrameworks.Contains(id);

    /// <summary>A framework ID of this master's, never given before.</summary>
    public string NextFrameworkId() => MasterIds.Framework(MasterId, _frameworkSequence++);

    public void AddFramework(FrameworkRecord framework) => _frameworks[framework.Id] = framework;

    /// <summary>Forgets a framework and remembers its ID, which can never subscribe again.</summary>
    public void RemoveFramework(FrameworkRecord framework)
    {
        _frameworks.Remove(framework.Id);
        _removedFrameworks.Add(framework.Id);
        _completedFrameworks.Enqueue(framework);
        if (_completedFrameworks.Count > MaxCompletedFrameworks)
        {
            _completedFrameworks.Dequeue();
        }
    }

    public void AddAgent(LocalAgent agent)
    {
        _agents.Add(agent);
        _agentsById[agent.Id] = agent;
    }

    public bool IsKnownAgent(string agentId) => _agentsById.ContainsKey(agentId);

    public bool WasRemovedAgent(string agentId) => _removedAgents.Contains(agentId);

    public LocalAgent? FindAgent(string agentId) => _agentsById.GetValueOrDefault(agentId);

    /// <summary>Forgets an agent with what ran on it, and remembers its ID for reconciliation's answers.</summary>
    public void RemoveAgent(LocalAgent agent)
    {
        _agents.Remove(agent);
        _agentsById.Remove(agent.Id);
        _removedAgents.Add(agent.Id);
        _used.Remove(agent.Id);
        foreach (var key in _executors.Keys.Where(k => k.AgentId == agent.Id).ToList())
        {
            _executors.Remove(key);
            _executorIds.Remove((key.AgentId, key.FrameworkId));
        }
    }

    /// <summary>The resources tasks and executors hold on an agent (a live bag: callers add and subtract).</summary>
    public ResourceBag Used(string agentId)
    {
        if (!_used.TryGetValue(agentId, out var used))
        {
            used = new ResourceBag();
            _used[agentId] = used;
        }

        return used;
    }

    /// <summary>Every executor the master knows, with the agent it runs on.</summary>
    public IEnumerable<(string AgentId, ExecutorInfo Info)> Executors => _executors.Select(e => (e.Key.AgentId, e.Value.Info));

    public ExecutorInfo? FindExecutor(string agentId, string frameworkId, string executorId)
        => _executors.TryGetValue((agentId, frameworkId, executorId), out var executor) ? executor.Info : null;

    public IEnumerable<string> ExecutorIds(string agentId, string frameworkId)
        => _executorIds.GetValueOrDefault((agentId, frameworkId)) ?? Enumerable.Empty<string>();

    /// <summary>A new executor on an agent: its own resources are in use until it ends.</summary>
    public void AddExecutor(string agentId, string frameworkId, ExecutorInfo info, ResourceBag resources)
    {
        _executors[(agentId, frameworkId, info.ExecutorId.Value)] = (info, resources);
        if (!_executorIds.TryGetValue((agentId, frameworkId), out var ids))
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            _executorIds[(agentId, frameworkId)] = ids;
        }

        ids.Add(info.ExecutorId.Value);
    }

    /// <summary>An executor ended: its own resources come back.</summary>
    public void RemoveExecutor(string agentId, string frameworkId, string executorId)
    {
        if (_executors.Remove((agentId, frameworkId, executorId), out var executor))
        {
            Used(agentId).Subtract(executor.Resources);
            if (_executorIds.TryGetValue((agentId, frameworkId), out var ids) && ids.Remove(executorId) && ids.Count == 0)
            {
                _executorIds.Remove((agentId, frameworkId));
            }
        }
    }

    /// <summary>Takes a task's resources back, once (on its first terminal update, or when it is forgotten).</summary>
    public void ReleaseTaskResources(TaskRecord task)
    {
        if (!task.ResourcesReleased)
        {
            task.ResourcesReleased = true;
            Used(task.AgentId).Subtract(task.Resources);
        }
    }
}
