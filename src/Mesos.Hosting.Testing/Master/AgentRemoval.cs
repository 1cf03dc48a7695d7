using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Why an agent leaves the master, which decides what its tasks become (Mesos's <c>removeSlave</c> and <c>markGone</c>).</summary>
internal sealed record AgentRemoval(TaskState PartitionAwareState, TaskStatus.Types.Reason Reason, string Message)
{
    /// <summary>The agent is removed (the cluster's fault): its tasks are TASK_GONE, or TASK_LOST to frameworks that are not partition-aware.</summary>
    public static AgentRemoval Removed { get; } = new(TaskState.TaskGone, TaskStatus.Types.Reason.AgentRemoved, "Agent removed");

    /// <summary>START_MAINTENANCE took the agent's machine down.</summary>
    public static AgentRemoval MachineDown { get; } = new(TaskState.TaskGone, TaskStatus.Types.Reason.AgentRemoved, "Operator initiated 'Machine DOWN'");

    /// <summary>MARK_AGENT_GONE, or a drain with <c>mark_gone</c>: the agent never comes back.</summary>
    public static AgentRemoval MarkedGone { get; } = new(TaskState.TaskGoneByOperator, TaskStatus.Types.Reason.AgentRemovedByOperator, "Agent has been marked gone");
}
