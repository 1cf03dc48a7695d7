using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Call and event types by the names Mesos gives them (REVIVE, not Revive), computed once: messages
/// name calls by them and metrics tag every event and call with one.
/// </summary>
internal static class MesosNames
{
    private static readonly FrozenDictionary<int, string> SchedulerCalls = Names(SchedulerCall.Descriptor);
    private static readonly FrozenDictionary<int, string> SchedulerEvents = Names(SchedulerEvent.Descriptor);
    private static readonly FrozenDictionary<int, string> ExecutorCalls = Names(ExecutorCall.Descriptor);
    private static readonly FrozenDictionary<int, string> ExecutorEvents = Names(ExecutorEvent.Descriptor);

    public static string Of(SchedulerCall.Types.Type type) => Name(SchedulerCalls, (int)type);

    public static string Of(SchedulerEvent.Types.Type type) => Name(SchedulerEvents, (int)type);

    public static string Of(ExecutorCall.Types.Type type) => Name(ExecutorCalls, (int)type);

    public static string Of(ExecutorEvent.Types.Type type) => Name(ExecutorEvents, (int)type);

    // A type newer than this SDK is UNKNOWN, one name for all: a metric tag must not take any value a peer sends.
    private static string Name(FrozenDictionary<int, string> names, int type)
        => names.TryGetValue(type, out var name) ? name : "UNKNOWN";

    private static FrozenDictionary<int, string> Names(MessageDescriptor message)
        => message.EnumTypes.Single(e => e.Name == "Type").Values.ToFrozenDictionary(v => v.Number, v => v.Name);
}
