using Google.Protobuf;
using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What agents report to the master (status updates, acknowledged ends, executor messages and ends) and losing an agent; called with the lock held.</summary>
internal sealed class AgentReports(MasterState state, SchedulerEvents events, OfferAllocator allocator, OperatorSubscribers operators, AgentDrainer drainer)
{
    /// <summary>An update an agent's status update manager forwards.</summary>
    public void OnStatusUpdate(string frameworkId, TaskStatus status)
    {
        if (state.FindFramework(frameworkId) is not { } framework)
        {
            return;
        }

        if (framework.Tasks.TryGetValue(status.TaskId.Value, out var task))
        {
            var changed = task.State != status.State;
            task.State = status.State;
            task.LatestStatus = status;
            task.LatestContainerStatus = status.ContainerStatus ?? task.LatestContainerStatus;

            // As Mesos's updateTask: operators hear of a task's new state, not of every update in the same one.
            if (changed)
            {
                operators.TaskUpdated(task, status);
            }
        }

        events.SendUpdate(framework, status);
        if (task is not null && MesosTaskStates.IsTerminal(status.State) && !task.ResourcesReleased)
        {
            state.ReleaseTaskResources(task);
        }
    }

    /// <summary>The scheduler acknowledged a task's terminal update: the master forgets the task.</summary>
    public void OnTerminalAcknowledged(string frameworkId, string taskId)
    {
        if (state.FindFramework(frameworkId) is { } framework && framework.Tasks.TryGetValue(taskId, out var task))
        {
            framework.CompleteTask(task);
            state.ReleaseTaskResources(task);
            drainer.CheckDrained(task.AgentId);
        }
    }

    public void OnExecutorMessage(LocalAgent agent, string frameworkId, string executorId, ByteString data)
    {
        if (state.FindFramework(frameworkId) is { } framework)
        {
            events.Send(framework, new Event
            {
                Type = Event.Types.Type.Message,
                Message = new Event.Types.Message { AgentId = MesosId.Of<AgentID>(agent.Id), ExecutorId = MesosId.Of<ExecutorID>(executorId), Data = data },
            });
        }
    }

    /// <summary>An executor process ended: its resources come back and the framework hears of it.</summary>
    public void OnExecutorTerminated(LocalAgent agent, string frameworkId, string executorId, int waitStatus)
    {
        state.RemoveExecutor(agent.Id, frameworkId, executorId);
        if (state.FindFramework(frameworkId) is { } framework)
        {
            events.Send(framework, new Event
            {
                Type = Event.Types.Type.Failure,
                Failure = new Event.Types.Failure { AgentId = MesosId.Of<AgentID>(agent.Id), ExecutorId = MesosId.Of<ExecutorID>(executorId), Status = waitStatus },
            });
        }
    }

    /// <summary>Removes an agent: its offers are rescinded, its tasks lost or gone as <paramref name="removal"/> says, and every framework told.</summary>
    public void OnAgentRemoved(LocalAgent agent, AgentRemoval removal)
    {
        state.RemoveAgent(agent);
        operators.AgentRemoved(agent.Id);
        foreach (var framework in state.Frameworks)
        {
            allocator.RescindOffers(framework, offer => offer.Agent == agent);
            foreach (var task in framework.Tasks.Values.Where(t => t.AgentId == agent.Id).ToList())
            {
                var lost = MasterStatus.Create(task.Info.TaskId, MasterStatus.Lost(framework, removal.PartitionAwareState), removal.Reason,
                    removal.Message, state.Time.GetUtcNow(), task.Info.AgentId);
                task.State = lost.State;
                task.LatestStatus = lost;
                framework.CompleteTask(task);
                operators.TaskUpdated(task, lost);
                events.SendUpdate(framework, lost);
            }

            events.Send(framework, new Event { Type = Event.Types.Type.Failure, Failure = new Event.Types.Failure { AgentId = MesosId.Of<AgentID>(agent.Id) } });
        }
    }
}
