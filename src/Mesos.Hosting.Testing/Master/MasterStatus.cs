using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Status updates the master makes itself: SOURCE_MASTER and never a uuid, so never acknowledged.</summary>
internal static class MasterStatus
{
    public static TaskStatus Create(TaskID taskId, TaskState state, TaskStatus.Types.Reason reason, string message, DateTimeOffset now, AgentID? agentId = null)
    {
        var status = new TaskStatus
        {
            TaskId = taskId,
            State = state,
            Source = TaskStatus.Types.Source.Master,
            Reason = reason,
            Message = message,
            Timestamp = MesosTime.Timestamp(now),
        };
        if (agentId is not null)
        {
            status.AgentId = agentId;
        }

        return status;
    }

    /// <summary>The lost state a framework understands: TASK_LOST unless it is partition-aware.</summary>
    public static TaskState Lost(FrameworkRecord framework, TaskState partitionAwareState) => framework.IsPartitionAware ? partitionAwareState : TaskState.TaskLost;
}
