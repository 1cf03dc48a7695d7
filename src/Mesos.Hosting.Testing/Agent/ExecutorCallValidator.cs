using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>Mesos's <c>validateExecutorCall</c> (src/common/validation.cpp): the reason a call is refused, or null.</summary>
internal static class ExecutorCallValidator
{
    public static string? Validate(Call call)
    {
        if (!call.HasType)
        {
            return "Expecting 'type' to be present";
        }

        // executor_id and framework_id are required fields: a call without them does not even decode.
        switch (call.Type)
        {
            case Call.Types.Type.Subscribe:
                return call.Subscribe is null ? "Expecting 'subscribe' to be present" : null;
            case Call.Types.Type.Message:
                return call.Message is null ? "Expecting 'message' to be present" : null;
            case Call.Types.Type.Update:
                return ValidateUpdate(call);
            default:
                return null;
        }
    }

    private static string? ValidateUpdate(Call call)
    {
        if (call.Update is null)
        {
            return "Expecting 'update' to be present";
        }

        var status = call.Update.Status;
        if (!status.HasUuid)
        {
            return "Expecting 'uuid' to be present";
        }

        if (!MesosUuid.IsValid(status.Uuid.Span))
        {
            return "Not a valid UUID";
        }

        if (status.ExecutorId is { } executorId && executorId.Value != call.ExecutorId.Value)
        {
            return $"ExecutorID in Call: {call.ExecutorId.Value} does not match ExecutorID in TaskStatus: {executorId.Value}";
        }

        if (status.Source != TaskStatus.Types.Source.Executor)
        {
            return $"Received Call from executor {call.ExecutorId.Value} of framework {call.FrameworkId.Value} with invalid source, expecting 'SOURCE_EXECUTOR'";
        }

        return status.State == TaskState.TaskStaging
            ? $"Received TASK_STAGING from executor {call.ExecutorId.Value} of framework {call.FrameworkId.Value} which is not allowed"
            : null;
    }
}
