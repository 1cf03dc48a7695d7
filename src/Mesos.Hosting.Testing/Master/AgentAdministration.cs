using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// What operators have done to agents, as Mesos's registry keeps it apart from the agents themselves
/// (<c>slaves.deactivated</c>, <c>slaves.draining</c>, <c>slaves.gone</c>): it outlives an agent's removal.
/// Guarded by the master's lock.
/// </summary>
internal sealed class AgentAdministration
{
    private readonly HashSet<string> _deactivated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DrainInfo> _draining = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);

    /// <summary>A deactivated agent gets no offers; draining deactivates too.</summary>
    public bool IsDeactivated(string agentId) => _deactivated.Contains(agentId);

    public bool IsGone(string agentId) => _gone.Contains(agentId);

    public DrainInfo? Drain(string agentId) => _draining.GetValueOrDefault(agentId);

    /// <summary>Agents in the DRAINING state, whose tasks are on their way out.</summary>
    public IEnumerable<string> DrainingAgents => _draining.Where(d => d.Value.State == DrainState.Draining).Select(d => d.Key);

    public void Deactivate(string agentId) => _deactivated.Add(agentId);

    public void Reactivate(string agentId)
    {
        _deactivated.Remove(agentId);
        _draining.Remove(agentId);
    }

    public void StartDraining(string agentId, DrainConfig config)
    {
        _deactivated.Add(agentId);
        _draining[agentId] = new DrainInfo { State = DrainState.Draining, Config = config };
    }

    public void MarkDrained(string agentId) => _draining[agentId].State = DrainState.Drained;

    public void MarkGone(string agentId)
    {
        _gone.Add(agentId);
        _draining.Remove(agentId);
        _deactivated.Remove(agentId);
    }
}
