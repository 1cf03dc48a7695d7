using System.Collections.Frozen;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>Event types by the names Mesos gives them, computed once: metrics tag every event with one.</summary>
internal static class EventNames
{
    private static readonly FrozenDictionary<Event.Types.Type, string> Names = Event.Descriptor.EnumTypes[0].Values
        .ToFrozenDictionary(v => (Event.Types.Type)v.Number, v => v.Name);

    public static string Of(Event.Types.Type type) => Names.TryGetValue(type, out var name) ? name : "UNKNOWN";
}
