using Mesos.Hosting.Testing.Resources;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// Mesos's checks of the tasks and executors of an ACCEPT's LAUNCH and LAUNCH_GROUP (src/master/validation.cpp), in
/// Mesos's order and words: the reason they are refused, or null.
/// </summary>
internal static class TaskValidator
{
    /// <summary>A task by itself, as a LAUNCH names it or as one of a group's (the task's own fields, not its executor).</summary>
    public static string? ValidateTask(TaskInfo task, string agentId, Func<string, bool> isTaskIdInUse, out ResourceBag resources)
    {
        resources = ResourceBag.From(task.Resources, out var resourceError);
        if (MesosId.Validate(task.TaskId.Value) is { } idError)
        {
            return idError;
        }

        if (isTaskIdInUse(task.TaskId.Value))
        {
            return $"Task has duplicate ID: {task.TaskId.Value}";
        }

        if (task.AgentId.Value != agentId)
        {
            return $"Task uses agent ID {task.AgentId.Value} which does not match the offers' agent ID {agentId}";
        }

        if (task.KillPolicy?.GracePeriod is { Nanoseconds: < 0 })
        {
            return "Task's 'kill_policy.grace_period' must be non-negative";
        }

        if (task.MaxCompletionTime is { Nanoseconds: < 0 })
        {
            return "Task's `max_completion_time` must be non-negative";
        }

        if (resourceError is not null)
        {
            return "Task uses invalid resources: " + resourceError;
        }

        return task.Command is { Shell: true, HasValue: false } ? "Task's CommandInfo has shell set but no value" : null;
    }

    /// <summary>A LAUNCH's task, then its executor: a command or a custom executor, never both.</summary>
    public static string? ValidateLaunch(TaskInfo task, string agentId, Func<string, bool> isTaskIdInUse, out ResourceBag resources)
    {
        if (ValidateTask(task, agentId, isTaskIdInUse, out resources) is { } error)
        {
            return error;
        }

        if ((task.Executor is null) == (task.Command is null))
        {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }

        if (task.Executor is not { } executor)
        {
            return null;
        }

        if (ValidateExecutor(executor) is { } executorError)
        {
            return executorError;
        }

        if (executor.HasType && executor.Type != ExecutorInfo.Types.Type.Custom)
        {
            return "'ExecutorInfo.type' must be 'CUSTOM'";
        }

        return executor.Command is null ? "'ExecutorInfo.command' must be set" : null;
    }

    /// <summary>A LAUNCH_GROUP's executor, once its tasks have passed: one the group's tasks share.</summary>
    public static string? ValidateGroupExecutor(ExecutorInfo executor, IEnumerable<TaskInfo> tasks, Func<ExecutorInfo, bool> isTheGroups)
    {
        if (ValidateExecutor(executor) is { } error)
        {
            return error;
        }

        if (!executor.HasType)
        {
            return "'ExecutorInfo.type' must be set";
        }

        if (executor.Type == ExecutorInfo.Types.Type.Unknown)
        {
            return "Unknown executor type";
        }

        return tasks.FirstOrDefault(t => t.Executor is not null && !isTheGroups(t.Executor)) is { } stray
            ? $"The `ExecutorInfo` of task '{stray.TaskId.Value}' is different from executor '{executor.ExecutorId.Value}'"
            : null;
    }

    // What every executor must be, whatever launches it.
    private static string? ValidateExecutor(ExecutorInfo executor)
    {
        if (executor.Type == ExecutorInfo.Types.Type.Default && executor.Command is not null)
        {
            return "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
        }

        if (executor.Type == ExecutorInfo.Types.Type.Custom && executor.Command is null)
        {
            return "'ExecutorInfo.command' must be set for 'CUSTOM' executor";
        }

        if (MesosId.Validate(executor.ExecutorId?.Value ?? string.Empty) is { } idError)
        {
            return idError;
        }

        if (executor.ShutdownGracePeriod is { Nanoseconds: < 0 })
        {
            return "ExecutorInfo's 'shutdown_grace_period' must be non-negative";
        }

        return ResourceBag.From(executor.Resources, out var error) is not null && error is not null
            ? "Executor uses invalid resources: " + error
            : null;
    }
}
