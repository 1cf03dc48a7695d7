using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Mesos's checks of a TaskInfo in an ACCEPT (src/master/validation.cpp): the reason it is refused, or null.</summary>
internal static class TaskValidator
{
    public static string? Validate(TaskInfo task, string agentId, Func<string, bool> isTaskIdInUse, bool inGroup, out ResourceBag resources)
    {
        resources = ResourceBag.From(task.Resources, out var resourceError);
        if (resourceError is not null)
        {
            return "Task uses invalid resources: " + resourceError;
        }

        if (isTaskIdInUse(task.TaskId.Value))
        {
            return $"Task has duplicate ID: {task.TaskId.Value}";
        }

        if (task.AgentId.Value != agentId)
        {
            return $"Task uses agent ID {task.AgentId.Value} which does not match the offers' agent ID {agentId}";
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
        if (string.IsNullOrEmpty(executor.ExecutorId?.Value))
        {
            return "ExecutorInfo has an empty executor ID";
        }

        if (executor.Type != ExecutorInfo.Types.Type.Default && executor.Command is null)
        {
            return "'ExecutorInfo.command' must be set for 'CUSTOM' executors";
        }

        if (executor.Type == ExecutorInfo.Types.Type.Default && executor.Command is not null)
        {
            return "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
        }

        return ResourceBag.From(executor.Resources, out var error) is not null && error is not null
            ? "Executor uses invalid resources: " + error
            : null;
    }
}
