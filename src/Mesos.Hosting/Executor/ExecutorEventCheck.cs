using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>What the executor driver needs of an event beyond the required fields decoding checked; an event that lacks it is reported and ignored.</summary>
internal static class ExecutorEventCheck
{
    /// <summary>Why <paramref name="evt"/> cannot be handled, or null when it can.</summary>
    public static string? Problem(Event evt) => evt.Type switch
    {
        Event.Types.Type.Acknowledged when evt.Acknowledged is null => "ACKNOWLEDGED without a task and uuid",
        Event.Types.Type.Launch when evt.Launch?.Task is null => "LAUNCH without a task",
        Event.Types.Type.LaunchGroup when evt.LaunchGroup?.TaskGroup is null => "LAUNCH_GROUP without a task group",

        // Mesos's master refuses an empty task group, so no agent sends one; a group's span and callbacks need a task.
        Event.Types.Type.LaunchGroup when evt.LaunchGroup.TaskGroup.Tasks.Count == 0 => "LAUNCH_GROUP of a task group without tasks",
        Event.Types.Type.Kill when evt.Kill?.TaskId is null => "KILL without a task_id",
        Event.Types.Type.Message when evt.Message is null => "MESSAGE without data",
        Event.Types.Type.Subscribed when evt.Subscribed is null => "SUBSCRIBED without its payload",
        _ => null,
    };
}
