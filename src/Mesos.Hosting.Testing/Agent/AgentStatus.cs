using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// Status updates the agent makes itself, for its own command tasks (SOURCE_EXECUTOR) and for what
/// it decides about any task (SOURCE_AGENT), as Mesos's protobuf::createStatusUpdate does: always
/// with a uuid, so they are reliable and must be acknowledged like an executor's.
/// </summary>
internal static class AgentStatus
{
    public static TaskStatus Create(AgentID agentId, ExecutorRun run, TaskID taskId, TaskState state, TaskStatus.Types.Source source, DateTimeOffset now,
        string? message = null, TaskStatus.Types.Reason? reason = null)
    {
        var status = new TaskStatus
        {
            TaskId = taskId,
            State = state,
            Source = source,
            AgentId = agentId,
            ExecutorId = run.Info.ExecutorId,
            Timestamp = MesosTime.Timestamp(now),
            Uuid = MesosUuid.NewBytes(),
            ContainerStatus = new ContainerStatus { ContainerId = new ContainerID { Value = run.ContainerId } },
        };
        if (message is not null)
        {
            status.Message = message;
        }

        if (reason is { } why)
        {
            status.Reason = why;
        }

        return status;
    }
}
