using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;
using MasterCall = Mesos.V1.Master.Call;
using MasterEvent = Mesos.V1.Master.Event;
using MasterResponse = Mesos.V1.Master.Response;
using AgentCall = Mesos.V1.Agent.Call;
using AgentResponse = Mesos.V1.Agent.Response;

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
    private static readonly FrozenDictionary<int, string> MasterCalls = Names(MasterCall.Descriptor);
    private static readonly FrozenDictionary<int, string> MasterEvents = Names(MasterEvent.Descriptor);
    private static readonly FrozenDictionary<int, string> MasterResponses = Names(MasterResponse.Descriptor);
    private static readonly FrozenDictionary<int, string> AgentCalls = Names(AgentCall.Descriptor);
    private static readonly FrozenDictionary<int, string> AgentResponses = Names(AgentResponse.Descriptor);
    private static readonly FrozenDictionary<int, string> TaskStates = Mesos.V1.TaskStatus.Descriptor.FindFieldByName("state").EnumType.Values.ToFrozenDictionary(v => v.Number, v => v.Name);

    public static string Of(SchedulerCall.Types.Type type) => Name(SchedulerCalls, (int)type);

    public static string Of(SchedulerEvent.Types.Type type) => Name(SchedulerEvents, (int)type);

    public static string Of(ExecutorCall.Types.Type type) => Name(ExecutorCalls, (int)type);

    public static string Of(ExecutorEvent.Types.Type type) => Name(ExecutorEvents, (int)type);

    public static string Of(MasterCall.Types.Type type) => Name(MasterCalls, (int)type);

    public static string Of(MasterEvent.Types.Type type) => Name(MasterEvents, (int)type);

    public static string Of(MasterResponse.Types.Type type) => Name(MasterResponses, (int)type);

    public static string Of(AgentCall.Types.Type type) => Name(AgentCalls, (int)type);

    public static string Of(AgentResponse.Types.Type type) => Name(AgentResponses, (int)type);

    public static string Of(Mesos.V1.TaskState state) => Name(TaskStates, (int)state);

    // A type newer than this SDK is UNKNOWN, one name for all: a metric tag must not take any value a peer sends.
    private static string Name(FrozenDictionary<int, string> names, int type)
        => names.TryGetValue(type, out var name) ? name : "UNKNOWN";

    private static FrozenDictionary<int, string> Names(MessageDescriptor message)
        => message.EnumTypes.Single(e => e.Name == "Type").Values.ToFrozenDictionary(v => v.Number, v => v.Name);
}
