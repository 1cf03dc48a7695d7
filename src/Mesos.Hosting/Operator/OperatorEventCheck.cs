using Mesos.V1.Master;

namespace Mesos.Hosting.Operator;

/// <summary>
/// What the master's event stream must hold before an event is handed on: the first event is SUBSCRIBED with the
/// state, and every later event carries the payload its type names. Required fields inside a payload are checked
/// when it is decoded.
/// </summary>
internal static class OperatorEventCheck
{
    /// <summary>Why <paramref name="evt"/>, read after SUBSCRIBED, cannot be handed on; null when it can.</summary>
    public static string? Problem(Event evt) => evt.Type switch
    {
        Event.Types.Type.Heartbeat => null,
        Event.Types.Type.TaskAdded => Missing(evt.TaskAdded, "task_added"),
        Event.Types.Type.TaskUpdated => Missing(evt.TaskUpdated, "task_updated"),
        Event.Types.Type.AgentAdded => Missing(evt.AgentAdded, "agent_added"),
        Event.Types.Type.AgentRemoved => Missing(evt.AgentRemoved, "agent_removed"),
        Event.Types.Type.FrameworkAdded => Missing(evt.FrameworkAdded, "framework_added"),
        Event.Types.Type.FrameworkUpdated => Missing(evt.FrameworkUpdated, "framework_updated"),
        Event.Types.Type.FrameworkRemoved => Missing(evt.FrameworkRemoved, "framework_removed"),

        // A master sends the state once, first; a second one would look like a new subscription to the consumer.
        Event.Types.Type.Subscribed => "SUBSCRIBED in the middle of a stream",
        _ => "an event of a type this client does not know",
    };

    private static string? Missing(object? payload, string field) => payload is null ? $"it has no '{field}'" : null;
}
