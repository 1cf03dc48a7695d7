using Google.Protobuf.Reflection;
using Mesos.Hosting.Wire;
using AgentCall = Mesos.V1.Agent.Call;
using AgentResponse = Mesos.V1.Agent.Response;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;
using MasterCall = Mesos.V1.Master.Call;
using MasterEvent = Mesos.V1.Master.Event;
using MasterResponse = Mesos.V1.Master.Response;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>
/// The names of call and event types and task states, made from the generated enums' names, against the names the
/// protos' own descriptors give: every value of every enum named, so that no word split differs.
/// </summary>
public sealed class MesosNamesTests
{
    [Fact]
    public void Every_call_event_and_response_type_has_the_proto_name()
    {
        AssertNames(SchedulerCall.Descriptor, n => MesosNames.Of((SchedulerCall.Types.Type)n));
        AssertNames(SchedulerEvent.Descriptor, n => MesosNames.Of((SchedulerEvent.Types.Type)n));
        AssertNames(ExecutorCall.Descriptor, n => MesosNames.Of((ExecutorCall.Types.Type)n));
        AssertNames(ExecutorEvent.Descriptor, n => MesosNames.Of((ExecutorEvent.Types.Type)n));
        AssertNames(MasterCall.Descriptor, n => MesosNames.Of((MasterCall.Types.Type)n));
        AssertNames(MasterEvent.Descriptor, n => MesosNames.Of((MasterEvent.Types.Type)n));
        AssertNames(MasterResponse.Descriptor, n => MesosNames.Of((MasterResponse.Types.Type)n));
        AssertNames(AgentCall.Descriptor, n => MesosNames.Of((AgentCall.Types.Type)n));
        AssertNames(AgentResponse.Descriptor, n => MesosNames.Of((AgentResponse.Types.Type)n));
    }

    [Fact]
    public void Every_task_state_has_the_proto_name()
    {
        var states = Mesos.V1.TaskStatus.Descriptor.FindFieldByName("state").EnumType;

        Assert.Equal(states.Values.Select(v => v.Name), states.Values.Select(v => MesosNames.Of((Mesos.V1.TaskState)v.Number)));
    }

    [Fact]
    public void A_type_newer_than_the_sdk_is_unknown()
    {
        Assert.Equal("UNKNOWN", MesosNames.Of((ExecutorEvent.Types.Type)12345));
    }

    private static void AssertNames(MessageDescriptor message, Func<int, string> name)
    {
        var values = message.EnumTypes.Single(e => e.Name == "Type").Values;

        Assert.Equal(values.Select(v => v.Name), values.Select(v => name(v.Number)));
    }
}
