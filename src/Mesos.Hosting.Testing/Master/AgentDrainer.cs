using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// Deactivating and draining agents, as Mesos's <c>Master::deactivate</c> and <c>checkAndTransitionDrainingAgent</c>:
/// a deactivated agent's offers are rescinded and it gets no more; a draining one also has its tasks killed,
/// and is DRAINED once the master tracks none of them (terminal and acknowledged), then gone if the drain asked.
/// Called with the lock held.
/// </summary>
internal sealed class AgentDrainer(MasterState state, OfferAllocator allocator)
{
    public void Deactivate(LocalAgent agent)
    {
        state.Administration.Deactivate(agent.Id);
        RescindOffers(agent);
    }

    public void StartDraining(LocalAgent agent, DrainConfig config)
    {
        state.Administration.StartDraining(agent.Id, config);
        RescindOffers(agent);

        // The agent kills every task it runs, none given longer than the drain's grace period.
        var policy = config.MaxGracePeriod is { } grace ? new KillPolicy { GracePeriod = grace.Clone() } : null;
        foreach (var task in TasksOn(agent.Id).Where(t => !MesosTaskStates.IsTerminal(t.State)).ToList())
        {
            agent.KillTask(task.FrameworkId, task.Id, policy ?? task.Info.KillPolicy);
        }

        CheckDrained(agent.Id);
    }

    /// <summary>A draining agent with no task left is DRAINED, and removed for good when its drain said <c>mark_gone</c>.</summary>
    public void CheckDrained(string agentId)
    {
        if (state.Administration.Drain(agentId) is not { State: DrainState.Draining } drain || TasksOn(agentId).Any())
        {
            return;
        }

        state.Administration.MarkDrained(agentId);
        if (drain.Config.MarkGone && state.FindAgent(agentId) is { } agent)
        {
            MarkGone(agent);
        }
    }

    /// <summary>MARK_AGENT_GONE: the agent is removed, never to return, its tasks TASK_GONE_BY_OPERATOR.</summary>
    public void MarkGone(LocalAgent agent)
    {
        state.Administration.MarkGone(agent.Id);
        agent.Remove(AgentRemoval.MarkedGone);
    }

    private IEnumerable<TaskRecord> TasksOn(string agentId) => state.Frameworks.SelectMany(f => f.Tasks.Values).Where(t => t.AgentId == agentId);

    private void RescindOffers(LocalAgent agent)
    {
        foreach (var framework in state.Frameworks)
        {
            allocator.RescindOffers(framework, offer => offer.Agent == agent);
        }
    }
}
