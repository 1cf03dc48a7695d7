using Mesos.V1;

namespace Mesos.Hosting.Wire;

/// <summary>Facts about Mesos task states that every side of the protocol needs.</summary>
public static class MesosTaskStates
{
    /// <summary>
    /// Whether <paramref name="state"/> ends a task: FINISHED, FAILED, KILLED, ERROR, DROPPED, GONE,
    /// GONE_BY_OPERATOR, and LOST (which may yet come back after a partition heals).
    /// </summary>
    public static bool IsTerminal(TaskState state) => state is TaskState.TaskFinished or TaskState.TaskFailed or TaskState.TaskKilled
        or TaskState.TaskError or TaskState.TaskLost or TaskState.TaskDropped or TaskState.TaskGone or TaskState.TaskGoneByOperator;
}
