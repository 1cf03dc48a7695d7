using Google.Protobuf.Reflection;
using Mesos.V1;
using Mesos.V1.Maintenance;
using Mesos.V1.Master;
using Mesos.V1.Quota;
using AgentCall = Mesos.V1.Agent.Call;
using AgentResponse = Mesos.V1.Agent.Response;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>
/// Our operator protos against the numbers, labels and packages in Mesos 1.11's include/mesos/v1/master/master.proto,
/// agent/agent.proto, quota/quota.proto, maintenance/maintenance.proto and mesos.proto, written down here by hand.
/// </summary>
public sealed class FieldNumberTests
{
    [Theory]
    [InlineData("type", 1)]
    [InlineData("get_metrics", 2)]
    [InlineData("update_maintenance_schedule", 11)]
    [InlineData("start_maintenance", 12)]
    [InlineData("stop_maintenance", 13)]
    [InlineData("set_quota", 14)]
    [InlineData("teardown", 16)]
    [InlineData("mark_agent_gone", 17)]
    [InlineData("grow_volume", 18)]
    [InlineData("shrink_volume", 19)]
    [InlineData("update_quota", 20)]
    [InlineData("drain_agent", 21)]
    [InlineData("deactivate_agent", 22)]
    [InlineData("reactivate_agent", 23)]
    public void Master_call_fields(string field, int number) => AssertField(Call.Descriptor, field, number);

    [Theory]
    [InlineData("GET_HEALTH", 1)]
    [InlineData("GET_STATE", 9)]
    [InlineData("SUBSCRIBE", 18)]
    [InlineData("GET_MAINTENANCE_STATUS", 23)]
    [InlineData("STOP_MAINTENANCE", 27)]
    [InlineData("TEARDOWN", 31)]
    [InlineData("MARK_AGENT_GONE", 32)]
    [InlineData("GET_OPERATIONS", 33)]
    [InlineData("UPDATE_QUOTA", 36)]
    [InlineData("DRAIN_AGENT", 37)]
    [InlineData("DEACTIVATE_AGENT", 38)]
    [InlineData("REACTIVATE_AGENT", 39)]
    public void Master_call_types(string name, int number) => AssertEnum(Call.Descriptor, name, number);

    [Theory]
    [InlineData("GET_STATE", 8)]
    [InlineData("GET_TASKS", 12)]
    [InlineData("GET_MAINTENANCE_SCHEDULE", 17)]
    [InlineData("GET_QUOTA", 18)]
    [InlineData("GET_OPERATIONS", 19)]
    public void Master_response_types(string name, int number) => AssertEnum(Response.Descriptor, name, number);

    [Theory]
    [InlineData("get_state", 9)]
    [InlineData("get_tasks", 13)]
    [InlineData("get_maintenance_status", 17)]
    [InlineData("get_quota", 19)]
    [InlineData("get_operations", 20)]
    public void Master_response_fields(string field, int number) => AssertField(Response.Descriptor, field, number);

    [Theory]
    [InlineData("HEARTBEAT", 9)]
    [InlineData("FRAMEWORK_REMOVED", 8)]
    [InlineData("TASK_UPDATED", 3)]
    public void Master_event_types(string name, int number) => AssertEnum(Event.Descriptor, name, number);

    [Fact]
    public void Labels_and_numbers_inside_the_state()
    {
        var agent = Response.Types.GetAgents.Types.Agent.Descriptor;
        AssertField(agent, "agent_info", 1, required: true);
        AssertField(agent, "version", 3, required: true);
        AssertField(agent, "deactivated", 12);
        AssertField(agent, "resource_providers", 11, repeated: true);
        AssertField(agent, "drain_info", 13);
        AssertField(agent, "estimated_drain_start_time", 14);

        var framework = Response.Types.GetFrameworks.Types.Framework.Descriptor;
        AssertField(framework, "recovered", 11, required: true);
        AssertField(framework, "offer_constraints", 12);
        AssertField(Response.Types.GetTasks.Descriptor, "unreachable_tasks", 5, repeated: true);
        AssertField(Event.Types.TaskUpdated.Descriptor, "state", 3, required: true);
        AssertField(Event.Types.Subscribed.Descriptor, "heartbeat_interval_seconds", 2);
        AssertField(Call.Types.ReserveResources.Descriptor, "source", 3, repeated: true);
        AssertField(Call.Types.DrainAgent.Descriptor, "mark_gone", 3);
        Assert.Equal("google.protobuf.Duration", Call.Types.DrainAgent.Descriptor.FindFieldByName("max_grace_period").MessageType.FullName);
    }

    [Theory]
    [InlineData("get_containers", 20)]
    [InlineData("launch_nested_container_session", 9)]
    [InlineData("remove_nested_container", 12)]
    [InlineData("launch_container", 13)]
    [InlineData("prune_images", 21)]
    [InlineData("mark_resource_provider_gone", 22)]
    public void Agent_call_fields(string field, int number) => AssertField(AgentCall.Descriptor, field, number);

    [Theory]
    [InlineData("GET_OPERATIONS", 31)]
    [InlineData("MARK_RESOURCE_PROVIDER_GONE", 32)]
    [InlineData("PRUNE_IMAGES", 30)]
    [InlineData("GET_AGENT", 20)]
    public void Agent_call_types(string name, int number) => AssertEnum(AgentCall.Descriptor, name, number);

    [Theory]
    [InlineData("get_agent", 15)]
    [InlineData("get_resource_providers", 17)]
    [InlineData("get_operations", 18)]
    [InlineData("wait_container", 16)]
    public void Agent_response_fields(string field, int number) => AssertField(AgentResponse.Descriptor, field, number);

    [Fact]
    public void Operator_types_of_package_mesos_v1()
    {
        AssertField(ResourceStatistics.Descriptor, "timestamp", 1, required: true);
        AssertField(ResourceStatistics.Descriptor, "cpus_soft_limit", 45);
        AssertField(ResourceStatistics.Descriptor, "net_snmp_statistics", 42);
        AssertField(PerfStatistics.Descriptor, "node_prefetch_misses", 53);
        AssertField(IpStatistics.Descriptor, "DefaultTTL", 2);
        AssertField(VersionInfo.Descriptor, "git_tag", 7);
        AssertField(Role.Descriptor, "weight", 2, required: true);
        AssertField(DrainInfo.Descriptor, "config", 2, required: true);
        AssertField(ResourceProviderInfo.Descriptor, "default_reservations", 5, repeated: true);
        Assert.Equal("default", new CSIPluginInfo().Name);
        Assert.Equal(1, (int)Mesos.V1.Allocator.InverseOfferStatus.Types.Status.Unknown);
        AssertField(QuotaConfig.Descriptor, "limits", 3, repeated: true);
        AssertField(ClusterStatus.Types.DrainingMachine.Descriptor, "statuses", 2, repeated: true);
    }

    [Fact]
    public void Packages_are_mesos_packages()
    {
        Assert.Equal("mesos.v1.master.Call", Call.Descriptor.FullName);
        Assert.Equal("mesos.v1.agent.ProcessIO", Mesos.V1.Agent.ProcessIO.Descriptor.FullName);
        Assert.Equal("mesos.v1.quota.QuotaStatus", QuotaStatus.Descriptor.FullName);
        Assert.Equal("mesos.v1.maintenance.Schedule", Schedule.Descriptor.FullName);
        Assert.Equal("mesos.v1.allocator.InverseOfferStatus", Mesos.V1.Allocator.InverseOfferStatus.Descriptor.FullName);
        Assert.Equal("mesos.v1.ResourceStatistics", ResourceStatistics.Descriptor.FullName);
    }

    private static void AssertField(MessageDescriptor message, string name, int number, bool required = false, bool repeated = false)
    {
        var field = message.FindFieldByName(name);
        Assert.True(field is not null, $"{message.FullName} has no field {name}");
        Assert.Equal(number, field.FieldNumber);
        Assert.Equal(required, field.IsRequired);
        Assert.Equal(repeated, field.IsRepeated);
    }

    private static void AssertEnum(MessageDescriptor message, string name, int number)
    {
        var value = message.EnumTypes.Single(e => e.Name == "Type").FindValueByName(name);
        Assert.True(value is not null, $"{message.FullName}.Type has no {name}");
        Assert.Equal(number, value.Number);
    }
}
