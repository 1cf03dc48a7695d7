using Mesos.V1;
using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// DRAIN_AGENT, DEACTIVATE_AGENT, REACTIVATE_AGENT and MARK_AGENT_GONE, with the checks and messages of
/// Mesos's <c>Master::Http</c> handlers (src/master/http.cpp). Called with the lock held.
/// </summary>
internal sealed class AgentCalls(MasterState state, AgentDrainer drainer)
{
    public OperatorAnswer Drain(Call.Types.DrainAgent call)
    {
        var agentId = call.AgentId.Value;
        if (state.FindAgent(agentId) is not { } agent)
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, "Unknown agent");
        }

        // Mesos keeps draining and maintenance apart: an agent of a scheduled machine cannot be drained.
        var machine = MachineKey.Of(agent);
        if (state.Maintenance.Schedule.Windows.SelectMany(w => w.MachineIds).FirstOrDefault(id => MachineKey.Of(id) == machine) is { } scheduled)
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, $"Agent {agentId} is part of a maintenance schedule under Machine {MachineKey.Describe(scheduled)}");
        }

        var config = new DrainConfig { MarkGone = call.MarkGone };
        if (call.MaxGracePeriod is { } grace)
        {
            config.MaxGracePeriod = new DurationInfo { Nanoseconds = (grace.Seconds * 1_000_000_000L) + grace.Nanos };
        }

        drainer.StartDraining(agent, config);
        return OperatorAnswer.Empty;
    }

    public OperatorAnswer Deactivate(Call.Types.DeactivateAgent call)
    {
        if (state.FindAgent(call.AgentId.Value) is not { } agent)
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, "Unknown agent");
        }

        drainer.Deactivate(agent);
        return OperatorAnswer.Empty;
    }

    public OperatorAnswer Reactivate(Call.Types.ReactivateAgent call)
    {
        var agentId = call.AgentId.Value;
        if (!state.Administration.IsDeactivated(agentId))
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, "Agent is not deactivated");
        }

        if (state.Administration.Drain(agentId) is { State: DrainState.Draining })
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, "Agent is still in the DRAINING state");
        }

        state.Administration.Reactivate(agentId);
        if (state.FindAgent(agentId) is null)
        {
            return OperatorAnswer.Fail(StatusCodes.Status409Conflict, "Agent removed while processing the call");
        }

        // As Mesos's activateSlave: the agent is offered again at the next allocation cycle.
        return OperatorAnswer.Empty;
    }

    public OperatorAnswer MarkGone(Call.Types.MarkAgentGone call)
    {
        var agentId = call.AgentId.Value;

        // Marking an agent gone twice is no error: it has already transitioned.
        if (state.Administration.IsGone(agentId))
        {
            return OperatorAnswer.Empty;
        }

        if (state.FindAgent(agentId) is not { } agent)
        {
            return OperatorAnswer.Fail(StatusCodes.Status404NotFound, $"Agent '{agentId}' not found");
        }

        drainer.MarkGone(agent);
        return OperatorAnswer.Empty;
    }
}
