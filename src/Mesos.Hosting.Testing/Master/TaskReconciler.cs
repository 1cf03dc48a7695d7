using Google.Protobuf.Collections;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>RECONCILE and RECONCILE_OPERATIONS, and KILL, whose answer for a task the master does not know is a reconciliation's.</summary>
internal sealed class TaskReconciler(MasterState state, SchedulerEvents events)
{
    public void Reconcile(FrameworkRecord framework, RepeatedField<Call.Types.Reconcile.Types.Task> tasks)
    {
        if (tasks.Count == 0)
        {
            foreach (var task in framework.Tasks.Values)
            {
                events.SendUpdate(framework, LatestState(task));
            }

            return;
        }

        foreach (var query in tasks)
        {
            ReconcileOne(framework, query.TaskId, query.AgentId);
        }
    }

    public void ReconcileOperations(FrameworkRecord framework, Call.Types.ReconcileOperations reconcile)
    {
        // No operation is ever pending here, so every named one is unknown.
        foreach (var operation in reconcile.Operations)
        {
            events.SendOperationStatus(framework, operation.OperationId, OperationState.OperationUnknown, operation.AgentId?.Value, "Reconciliation: Operation is unknown");
        }
    }

    public void Kill(FrameworkRecord framework, Call.Types.Kill kill)
    {
        if (!framework.Tasks.TryGetValue(kill.TaskId.Value, out var task))
        {
            ReconcileOne(framework, kill.TaskId, kill.AgentId);
            return;
        }

        if (kill.AgentId is { } agentId && agentId.Value != task.AgentId)
        {
            return;
        }

        state.FindAgent(task.AgentId)?.KillTask(framework.Id, task.Id, kill.KillPolicy);
    }

    // Known: its latest state. Unknown: what Mesos answers from what it knows of the agent.
    private void ReconcileOne(FrameworkRecord framework, TaskID taskId, AgentID? agentId)
    {
        if (framework.Tasks.TryGetValue(taskId.Value, out var task))
        {
            events.SendUpdate(framework, LatestState(task));
            return;
        }

        var taskState = agentId is null ? TaskState.TaskUnknown
            : state.IsKnownAgent(agentId.Value) ? TaskState.TaskGone
            : state.WasRemovedAgent(agentId.Value) ? TaskState.TaskGoneByOperator
            : TaskState.TaskUnknown;
        events.SendUpdate(framework, MasterStatus.Create(taskId, MasterStatus.Lost(framework, taskState), TaskStatus.Types.Reason.Reconciliation,
            "Reconciliation: Task is unknown", state.Time.GetUtcNow(), agentId));
    }

    // As Master::reconcile builds it: from the task's state alone, with the health, check and container
    // status of its latest update (protobuf::getTaskHealth and friends), and never the update's data, labels or uuid.
    private TaskStatus LatestState(TaskRecord task)
    {
        var status = MasterStatus.Create(task.Info.TaskId, task.State, TaskStatus.Types.Reason.Reconciliation, "Reconciliation: Latest task state", state.Time.GetUtcNow(), task.Info.AgentId);
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
}
