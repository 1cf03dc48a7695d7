using System.Text;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Master;
using Mesos.V1.Quota;
using AgentResponse = Mesos.V1.Agent.Response;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>Operator messages survive both encodings, and their JSON uses Mesos's keys: the proto field names.</summary>
public sealed class ProtoRoundTripTests
{
    public static TheoryData<string> Encodings => [MesosContentTypes.Protobuf, MesosContentTypes.Json];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void The_state_a_master_answers_round_trips(string contentType)
    {
        var response = new Response { Type = Response.Types.Type.GetState, GetState = SampleState.GetState() };

        var decoded = RoundTrip(response, contentType);

        Assert.Equal(response, decoded);
        Assert.Equal(DrainState.Draining, decoded.GetState.GetAgents.Agents[0].DrainInfo.State);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_task_update_event_round_trips(string contentType)
    {
        var evt = new Event
        {
            Type = Event.Types.Type.TaskUpdated,
            TaskUpdated = new Event.Types.TaskUpdated
            {
                FrameworkId = MesosId.Of<FrameworkID>("f-1"),
                Status = new TaskStatus { TaskId = MesosId.Of<TaskID>("t-1"), State = TaskState.TaskFinished },
                State = TaskState.TaskFinished,
            },
        };

        Assert.Equal(evt, RoundTrip(evt, contentType));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Container_statistics_round_trip_with_the_kernel_counter_names(string contentType)
    {
        var response = new AgentResponse
        {
            Type = AgentResponse.Types.Type.GetContainers,
            GetContainers = new()
            {
                Containers =
                {
                    new AgentResponse.Types.GetContainers.Types.Container
                    {
                        ContainerId = new ContainerID { Value = "c-1" },
                        ResourceStatistics = new ResourceStatistics
                        {
                            Timestamp = 1700000000.5,
                            CpusLimit = 1.5,
                            MemRssBytes = 1 << 20,
                            NetSnmpStatistics = new SNMPStatistics { TcpStats = new TcpStatistics { CurrEstab = 3, RetransSegs = 7 } },
                        },
                    },
                },
            },
        };

        Assert.Equal(response, RoundTrip(response, contentType));
        if (contentType == MesosContentTypes.Json)
        {
            var json = Json(response);
            Assert.Contains("\"net_snmp_statistics\":{\"tcp_stats\":{\"CurrEstab\":3,\"RetransSegs\":7}}", json, StringComparison.Ordinal);
            Assert.Contains("\"mem_rss_bytes\":1048576", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_uses_the_proto_field_names_mesos_reads()
    {
        var call = new Call
        {
            Type = Call.Types.Type.UpdateQuota,
            UpdateQuota = new Call.Types.UpdateQuota
            {
                Force = true,
                QuotaConfigs = { new QuotaConfig { Role = "dev", Guarantees = { ["cpus"] = new Value.Types.Scalar { Value = 2 } } } },
            },
        };

        var json = Json(call);

        Assert.Equal("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":true,\"quota_configs\":[{\"role\":\"dev\",\"guarantees\":{\"cpus\":{\"value\":2}}}]}}", json);
        Assert.Equal(call, MesosCodec.Json.Decode<Call>(Encoding.UTF8.GetBytes(json).AsMemory()));
    }

    [Theory]
    [InlineData(1796085498291000123L)]
    [InlineData(-9007199254740993L)]
    [InlineData(long.MaxValue)]
    public void A_64_bit_integer_Mesos_writes_as_a_JSON_number_decodes_exactly(long nanoseconds)
    {
        var json = """{"type":"GET_MAINTENANCE_SCHEDULE","get_maintenance_schedule":{"schedule":{"windows":[{"machine_ids":[{"hostname":"a"}],"unavailability":{"start":{"nanoseconds":"""
            + nanoseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}]}}}";

        var response = MesosCodec.Json.Decode<Response>(Encoding.UTF8.GetBytes(json).AsMemory());

        Assert.Equal(nanoseconds, response.GetMaintenanceSchedule.Schedule.Windows[0].Unavailability.Start.Nanoseconds);
    }

    [Fact]
    public void A_drain_writes_its_grace_period_as_the_message_mesos_parses()
    {
        var call = new Call
        {
            Type = Call.Types.Type.DrainAgent,
            DrainAgent = new Call.Types.DrainAgent { AgentId = MesosId.Of<AgentID>("a-1"), MaxGracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(90)), MarkGone = true },
        };

        Assert.Equal("{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"a-1\"},\"max_grace_period\":{\"seconds\":90},\"mark_gone\":true}}", Json(call));
        Assert.Equal(call, MesosCodec.Protobuf.Decode<Call>(MesosCodec.Protobuf.Encode(call).AsMemory()));
        Assert.Equal(call, MesosCodec.Json.Decode<Call>(MesosCodec.Json.Encode(call).AsMemory()));
    }

    [Theory]
    [InlineData("{\"seconds\":90,\"nanos\":500000000}", 90.5)]
    [InlineData("{\"seconds\":\"120\"}", 120)]
    [InlineData("{\"nanos\":250000000}", 0.25)]
    [InlineData("{}", 0)]
    [InlineData("{\"minutes\":2}", 0)]
    public void A_grace_period_in_stout_json_decodes(string duration, double seconds)
    {
        var json = $"{{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{{\"agent_id\":{{\"value\":\"a-1\"}},\"max_grace_period\":{duration}}}}}";

        var call = MesosCodec.Json.Decode<Call>(Encoding.UTF8.GetBytes(json).AsMemory());

        Assert.Equal(TimeSpan.FromSeconds(seconds), call.DrainAgent.MaxGracePeriod.ToTimeSpan());
    }

    [Fact]
    public void A_grace_period_whose_seconds_are_not_a_number_is_refused()
    {
        var json = "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"a-1\"},\"max_grace_period\":{\"seconds\":\"ninety\"}}}";

        var refused = Assert.Throws<MesosDecodeException>(() => MesosCodec.Json.Decode<Call>(Encoding.UTF8.GetBytes(json).AsMemory()));

        Assert.Equal(MesosDecodeFailure.JsonDoesNotFitMessage, refused.Failure);
    }

    private static T RoundTrip<T>(T message, string contentType)
        where T : class, IMessage<T>, new()
    {
        var codec = MesosCodec.FromContentType(contentType)!;
        return codec.Decode<T>(codec.Encode(message).AsMemory());
    }

    private static string Json(IMessage message) => Encoding.UTF8.GetString(MesosCodec.Json.Encode(message));
}
