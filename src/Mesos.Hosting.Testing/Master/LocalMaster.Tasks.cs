using Google.Protobuf;
using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What agents report (updates, messages, ended executors), reconciliation, and losing an agent.</summary>
internal sealed partial class LocalMaster
{
    /// <summary>An update an agent's status update manager forwards; called with <see cref="Sync"/> held.</summary>
    public void OnStatusUpdate(string frameworkId, TaskStatus status)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return;
        }

        if (framework.Tasks.TryGetValue(status.TaskId.Value, out var task))
        {
            task.State = status.State;
            task.LatestStatus = status;
            task.LatestContainerStatus = status.ContainerStatus ?? task.LatestContainerStatus;
        }

        SendUpdate(framework, status);
        if (task is not null && MesosTaskStates.IsTerminal(status.State) && !task.ResourcesReleased)
        {
            ReleaseTaskResources(task);
            Allocate();
        }
    }

    /// <summary>The scheduler acknowledged a task's terminal update: the master forgets the task.</summary>
    public void OnTerminalAcknowledged(string frameworkId, string taskId)
    {
        if (_frameworks.TryGetValue(frameworkId, out var framework) && framework.Tasks.Remove(taskId, out var task))
        {
            ReleaseTaskResources(task);
        }
    }

    public void OnExecutorMessage(LocalAgent agent, string frameworkId, string executorId, ByteString data)
    {
        if (_frameworks.TryGetValue(frameworkId, out var framework))
        {
            Send(framework, new Event
            {
                Type = Event.Types.Type.Message,
                Message = new Event.Types.Message { AgentId = MesosId.Of<AgentID>(agent.Id), ExecutorId = MesosId.Of<ExecutorID>(executorId), Data = data },
            });
        }
    }

    /// <summary>An executor process ended: its resources come back and the framework hears of it.</summary>
    public void OnExecutorTerminated(LocalAgent agent, string frameworkId, string executorId, int waitStatus)
    {
        if (_executors.Remove((agent.Id, frameworkId, executorId), out var executor))
        {
            Used(agent.Id).Subtract(executor.Resources);
        }

        if (_frameworks.TryGetValue(frameworkId, out var framework))
        {
            Send(framework, new Event
            {
                Type = Event.Types.Type.Failure,
                Failure = new Event.Types.Failure { AgentId = MesosId.Of<AgentID>(agent.Id), ExecutorId = MesosId.Of<ExecutorID>(executorId), Status = waitStatus },
            });
        }

        Allocate();
    }

    /// <summary>Removes an agent: its offers are rescinded, its tasks lost, and every framework told.</summary>
    public void RemoveAgent(LocalAgent agent)
    {
        _agents.Remove(agent);
        _removedAgents.Add(agent.Id);
        _used.Remove(agent.Id);
        foreach (var key in _executors.Keys.Where(k => k.AgentId == agent.Id).ToList())
        {
            _executors.Remove(key);
        }

        foreach (var framework in _frameworks.Values)
        {
            foreach (var offer in framework.Offers.Values.Where(o => o.Agent == agent).ToList())
            {
                RemoveOffer(offer);
                Send(framework, new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = offer.Message.Id } });
            }

            foreach (var task in framework.Tasks.Values.Where(t => t.AgentId == agent.Id).ToList())
            {
                framework.Tasks.Remove(task.Id);
                SendUpdate(framework, MasterStatus.Create(task.Info.TaskId, MasterStatus.Lost(framework, TaskState.TaskGone), TaskStatus.Types.Reason.AgentRemoved,
                    "Agent removed", Time.GetUtcNow(), task.Info.AgentId));
            }

            Send(framework, new Event { Type = Event.Types.Type.Failure, Failure = new Event.Types.Failure { AgentId = MesosId.Of<AgentID>(agent.Id) } });
        }
    }

    private void Reconcile(FrameworkRecord framework, Google.Protobuf.Collections.RepeatedField<Call.Types.Reconcile.Types.Task> tasks)
    {
        if (tasks.Count == 0)
        {
            foreach (var task in framework.Tasks.Values)
            {
                SendUpdate(framework, LatestState(task));
            }

            return;
        }

        foreach (var query in tasks)
        {
            ReconcileOne(framework, query.TaskId, query.AgentId);
        }
    }

    // Known: its latest state. Unknown: what Mesos answers from what it knows of the agent.
    private void ReconcileOne(FrameworkRecord framework, TaskID taskId, AgentID? agentId)
    {
        if (framework.Tasks.TryGetValue(taskId.Value, out var task))
        {
            SendUpdate(framework, LatestState(task));
            return;
        }

        var state = agentId is null ? TaskState.TaskUnknown
            : IsKnownAgent(agentId.Value) ? TaskState.TaskGone
            : WasRemovedAgent(agentId.Value) ? TaskState.TaskGoneByOperator
            : TaskState.TaskUnknown;
        SendUpdate(framework, MasterStatus.Create(taskId, MasterStatus.Lost(framework, state), TaskStatus.Types.Reason.Reconciliation,
            "Reconciliation: Task is unknown", Time.GetUtcNow(), agentId));
    }

    // As Master::reconcile builds it: from the task's state alone, with the health, check and container
    // status of its latest update (protobuf::getTaskHealth and friends), and never the update's data, labels or uuid.
    private TaskStatus LatestState(TaskRecord task)
    {
        var status = MasterStatus.Create(task.Info.TaskId, task.State, TaskStatus.Types.Reason.Reconciliation, "Reconciliation: Latest task state", Time.GetUtcNow(), task.Info.AgentId);
        if (task.ExecutorId is { } executorId)
        {
            status.ExecutorId = MesosId.Of<ExecutorID>(executorId);
        }

        if (task.LatestStatus is { HasHealthy: true } healthy)
        {
            status.Healthy = healthy.Healthy;
        }

        status.CheckStatus = task.LatestStatus?.CheckStatus?.Clone();
        status.ContainerStatus = task.LatestContainerStatus?.Clone();
        return status;
    }

    private void ReconcileOperations(FrameworkRecord framework, Call.Types.ReconcileOperations reconcile)
    {
        // No operation is ever pending here, so every named one is unknown.
        foreach (var operation in reconcile.Operations)
        {
            SendOperationStatus(framework, operation.OperationId, OperationState.OperationUnknown, operation.AgentId?.Value, "Reconciliation: Operation is unknown");
        }
    }

    private void SendUpdate(FrameworkRecord framework, TaskStatus status)
    {
        Journal.RecordTaskState(status.TaskId.Value, status.State);
        Send(framework, new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status } });
    }

    private void SendOperationStatus(FrameworkRecord framework, OperationID operationId, OperationState state, string? agentId, string message)
    {
        var status = new OperationStatus { OperationId = operationId, State = state, Message = message };
        if (agentId is not null)
        {
            status.AgentId = MesosId.Of<AgentID>(agentId);
        }

        Send(framework, new Event { Type = Event.Types.Type.UpdateOperationStatus, UpdateOperationStatus = new Event.Types.UpdateOperationStatus { Status = status } });
    }

    private void ReleaseTaskResources(TaskRecord task)
    {
        if (!task.ResourcesReleased)
        {
            task.ResourcesReleased = true;
            Used(task.AgentId).Subtract(task.Resources);
        }
    }
}
