using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Removing a framework, on TEARDOWN or when its failover timeout expires.</summary>
internal sealed class FrameworkRemoval(MasterState state, OperatorSubscribers operators, AgentDrainer drainer)
{
    /// <summary>Every executor and task of the framework goes, and its ID is remembered so that it can never subscribe again.</summary>
    public void Remove(FrameworkRecord framework)
    {
        state.RemoveFramework(framework);
        framework.Heartbeat?.Dispose();
        framework.FailoverTimer?.Dispose();
        OfferAllocator.VoidOffers(framework);
        foreach (var task in framework.Tasks.Values.ToList())
        {
            // As Mesos's removeFramework: a live task ends TASK_KILLED by the master, and is kept as completed.
            if (!MesosTaskStates.IsTerminal(task.State))
            {
                var killed = MasterStatus.Create(task.Info.TaskId, TaskState.TaskKilled, TaskStatus.Types.Reason.FrameworkRemoved,
                    $"Framework {framework.Id} removed", state.Time.GetUtcNow(), task.Info.AgentId);
                task.State = killed.State;
                task.LatestStatus = killed;
                operators.TaskUpdated(task, killed);
            }

            state.ReleaseTaskResources(task);
            framework.CompleteTask(task);
        }

        foreach (var agent in state.Agents)
        {
            agent.ShutdownFramework(framework.Id);
        }

        framework.Stream?.Close();
        framework.Stream = null;
        operators.FrameworkRemoved(framework);

        // Its tasks no longer hold a draining agent back.
        foreach (var agentId in state.Administration.DrainingAgents.ToList())
        {
            drainer.CheckDrained(agentId);
        }
    }
}
