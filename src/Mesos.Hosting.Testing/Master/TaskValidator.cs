using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Mesos's checks of a TaskInfo in an ACCEPT (src/master/validation.cpp): the reason it is refused, or null.</summary>
internal static class TaskValidator
{
    public static string? Validate(TaskInfo task, string agentId, Func<string, bool> isTaskIdInUse, bool inGroup, out ResourceBag resources)
    {
        resources = ResourceBag.From(task.Resources, out var resourceError);
        if (MesosIdRules.Check(task.TaskId.Value) is { } idError)
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

        if (!inGroup && (task.Executor is null) == (task.Command is null))
        {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }

        if (task.Command is { Shell: true, HasValue: false })
        {
            return "Task's CommandInfo has shell set but no value";
        }

        return task.Executor is { } executor && !inGroup ? ValidateExecutor(executor) : null;
    }

    public static string? ValidateExecutor(ExecutorInfo executor)
    {
        if (executor.Type != ExecutorInfo.Types.Type.Default && executor.Command is null)
        {
            return "'ExecutorInfo.command' must be set for 'CUSTOM' executors";
        }

        if (executor.Type == ExecutorInfo.Types.Type.Default && executor.Command is not null)
        {
            return "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
        }

        if (MesosIdRules.Check(executor.ExecutorId?.Value ?? string.Empty) is { } idError)
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
