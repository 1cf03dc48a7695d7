using System.Collections.Frozen;
using System.Text;
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
/// name calls by them and metrics tag every event and call with one. They are the generated enums' names turned back
/// into the proto's (TaskRunning is TASK_RUNNING), not read from the protos' reflection descriptors: building those
/// builds every message of mesos.proto, which cost a starting executor about as much CPU as the rest of its start.
/// </summary>
internal static class MesosNames
{
    private static readonly FrozenDictionary<int, string> SchedulerCalls = Names(typeof(SchedulerCall.Types.Type));
    private static readonly FrozenDictionary<int, string> SchedulerEvents = Names(typeof(SchedulerEvent.Types.Type));
    private static readonly FrozenDictionary<int, string> ExecutorCalls = Names(typeof(ExecutorCall.Types.Type));
    private static readonly FrozenDictionary<int, string> ExecutorEvents = Names(typeof(ExecutorEvent.Types.Type));
    private static readonly FrozenDictionary<int, string> MasterCalls = Names(typeof(MasterCall.Types.Type));
    private static readonly FrozenDictionary<int, string> MasterEvents = Names(typeof(MasterEvent.Types.Type));
    private static readonly FrozenDictionary<int, string> MasterResponses = Names(typeof(MasterResponse.Types.Type));
    private static readonly FrozenDictionary<int, string> AgentCalls = Names(typeof(AgentCall.Types.Type));
    private static readonly FrozenDictionary<int, string> AgentResponses = Names(typeof(AgentResponse.Types.Type));
    private static readonly FrozenDictionary<int, string> TaskStates = Names(typeof(Mesos.V1.TaskState));

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

    // GetNames and GetValuesAsUnderlyingType list the values in the same order (by value).
    private static FrozenDictionary<int, string> Names(Type enumType)
    {
        var names = Enum.GetNames(enumType);
        var numbers = (int[])Enum.GetValuesAsUnderlyingType(enumType);
        return names.Select((name, i) => (Number: numbers[i], Name: ProtoName(name))).ToFrozenDictionary(v => v.Number, v => v.Name);
    }

    // protoc names a value by its words, each capitalised (LAUNCH_GROUP is LaunchGroup): a capital after a small letter starts a word.
    private static string ProtoName(string pascalCase)
    {
        var name = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascalCase[i]) && !char.IsUpper(pascalCase[i - 1]))
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(pascalCase[i]));
        }

        return name.ToString();
    }
}
