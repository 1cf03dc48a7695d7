using System.Text;
using Mesos.Hosting.Wire;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Tests.Wire;

public sealed class JsonShapeTests
{
    [Fact]
    public void A_subscribed_event_shaped_like_the_docs_parses()
    {
        var evt = Decode("""
            {
              "type" : "SUBSCRIBED",
              "subscribed" : {
                "framework_id" : {"value":"12220-3440-12532-2345"},
                "heartbeat_interval_seconds" : 15
              }
            }
            """);

        Assert.Equal(Event.Types.Type.Subscribed, evt.Type);
        Assert.Equal("12220-3440-12532-2345", evt.Subscribed.FrameworkId.Value);
        Assert.Equal(15, evt.Subscribed.HeartbeatIntervalSeconds);
    }

    [Fact]
    public void An_offers_event_with_ranges_and_reservations_parses()
    {
        var evt = Decode("""
            {"type":"OFFERS","offers":{"offers":[{
              "id":{"value":"12214-23523-O235235"},
              "framework_id":{"value":"12124-235325-32425"},
              "agent_id":{"value":"12325-23523-S23523"},
              "hostname":"agent.host",
              "resources":[
                {"name":"cpus","type":"SCALAR","scalar":{"value":2.5},"role":"*"},
                {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000},{"begin":"33000","end":"33010"}]}},
                {"name":"disk","type":"SCALAR","scalar":{"value":1024},
                 "reservations":[{"type":"DYNAMIC","role":"batch","principal":"ops","labels":{"labels":[{"key":"k","value":"v"}]}}],
                 "disk":{"persistence":{"id":"vol-1"},"volume":{"mode":"RW","container_path":"data"}}}
              ],
              "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}],
              "executor_ids":[{"value":"pi"}],
              "allocation_info":{"role":"batch"},
              "a_field_from_a_newer_master":{"anything":[1,2,3]}
            }]}}
            """);

        var offer = Assert.Single(evt.Offers.Offers_);
        Assert.Equal("12214-23523-O235235", offer.Id.Value);
        Assert.Equal(2.5, offer.Resources[0].Scalar.Value);
        Assert.Equal([(31000UL, 32000UL), (33000UL, 33010UL)], offer.Resources[1].Ranges.Range.Select(r => (r.Begin, r.End)));
        var reservation = Assert.Single(offer.Resources[2].Reservations);
        Assert.Equal(Resource.Types.ReservationInfo.Types.Type.Dynamic, reservation.Type);
        Assert.Equal("batch", reservation.Role);
        Assert.Equal("v", reservation.Labels.Labels_[0].Value);
        Assert.Equal("vol-1", offer.Resources[2].Disk.Persistence.Id);
        Assert.Equal("r1", offer.Attributes[0].Text.Value);
    }

    [Fact]
    public void An_update_with_a_base64_uuid_parses()
    {
        var evt = Decode("""
            {"type":"UPDATE","update":{"status":{
              "task_id":{"value":"captured-1"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
              "agent_id":{"value":"S0"},"timestamp":1795843111.25,"uuid":"4yq3ft7TTfaN71hjQxYG4w=="}}}
            """);

        var status = evt.Update.Status;
        Assert.Equal(TaskState.TaskRunning, status.State);
        Assert.Equal(TaskStatus.Types.Source.Executor, status.Source);
        Assert.Equal(16, status.Uuid.Length);
        Assert.True(MesosUuid.IsValid(status.Uuid.Span));
        Assert.Equal(Convert.FromBase64String("4yq3ft7TTfaN71hjQxYG4w=="), status.Uuid.ToByteArray());
    }

    [Fact]
    public void An_error_event_keeps_its_message_inside_error()
    {
        var evt = Decode("""{"type":"ERROR","error":{"message":"Framework failed over"}}""");

        Assert.Equal("Framework failed over", evt.Error.Message);
    }

    [Fact]
    public void An_unknown_enum_name_on_an_optional_field_leaves_it_unset()
    {
        var evt = Decode("""{"type":"SOMETHING_NEW"}""");

        Assert.False(evt.HasType);
        Assert.Equal(Event.Types.Type.Unknown, evt.Type);
    }

    [Fact]
    public void A_missing_required_field_is_named_by_its_path()
    {
        var ex = Assert.Throws<MesosDecodeException>(() => Decode("""{"type":"OFFERS","offers":{"offers":[{"id":{"value":"o"},"hostname":"h"}]}}"""));

        Assert.Equal(MesosDecodeFailure.MissingRequiredFields, ex.Failure);
        Assert.Equal("mesos.v1.scheduler.Event", ex.MessageType);
        Assert.Equal("Missing required fields: offers.offers[0].framework_id, offers.offers[0].agent_id", ex.Detail);
    }

    [Fact]
    public void Text_that_is_not_json_is_told_apart_from_json_of_the_wrong_shape()
    {
        Assert.Equal(MesosDecodeFailure.NotJson, Assert.Throws<MesosDecodeException>(() => Decode("""{"type":""")).Failure);
        Assert.Equal(MesosDecodeFailure.JsonDoesNotFitMessage, Assert.Throws<MesosDecodeException>(() => Decode("""{"type":"UPDATE","update":"x"}""")).Failure);
        Assert.Equal(MesosDecodeFailure.NotJson, Assert.Throws<MesosDecodeException>(() => MesosCodec.Json.Decode<Event>(new byte[] { 0xFF, 0xFE })).Failure);
    }

    [Fact]
    public void Our_json_uses_proto_field_names_enum_names_and_numbers_for_64_bit_integers()
    {
        var json = Encoding.UTF8.GetString(MesosCodec.Json.Encode(SampleMessages.SchedulerEvent(Event.Types.Type.Subscribed)));

        Assert.StartsWith("""{"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":""", json, StringComparison.Ordinal);
        Assert.Contains("\"heartbeat_interval_seconds\":15", json, StringComparison.Ordinal);
        Assert.Contains("\"ip\":16777343", json, StringComparison.Ordinal);
        Assert.DoesNotContain("frameworkId", json, StringComparison.Ordinal);
        Assert.DoesNotContain("heartbeatIntervalSeconds", json, StringComparison.Ordinal);

        var offers = Encoding.UTF8.GetString(MesosCodec.Json.Encode(SampleMessages.SchedulerEvent(Event.Types.Type.Offers)));
        Assert.Contains("""{"begin":31000,"end":32000}""", offers, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"RANGES\"", offers, StringComparison.Ordinal);
        Assert.Contains("\"allocation_info\":{\"role\":\"batch\"}", offers, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_json_writes_bytes_in_base64_and_infinite_limits_as_mesos_reads_them()
    {
        var uuid = MesosUuid.NewBytes();
        var ack = new Call.Types.Acknowledge { AgentId = MesosId.Of<AgentID>("a"), TaskId = MesosId.Of<TaskID>("t"), Uuid = uuid };
        var task = SampleMessages.Task("t");

        var ackJson = Encoding.UTF8.GetString(MesosCodec.Json.Encode(ack));
        var taskJson = Encoding.UTF8.GetString(MesosCodec.Json.Encode(task));

        Assert.Equal($$"""{"agent_id":{"value":"a"},"task_id":{"value":"t"},"uuid":"{{uuid.ToBase64()}}"}""", ackJson);
        Assert.Contains("""
            "limits":{"cpus":{"value":"Infinity"},"mem":{"value":256}}
            """.Trim(), taskJson, StringComparison.Ordinal);
        Assert.Contains("\"nanoseconds\":60000000000", taskJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_fields_and_empty_lists_are_left_out()
    {
        var json = Encoding.UTF8.GetString(MesosCodec.Json.Encode(new Event { Type = Event.Types.Type.Heartbeat }));

        Assert.Equal("""{"type":"HEARTBEAT"}""", json);
    }

    [Fact]
    public void Content_types_are_matched_exactly_as_mesos_compares_them()
    {
        Assert.Same(MesosCodec.Json, MesosCodec.FromContentType("application/json"));
        Assert.Same(MesosCodec.Protobuf, MesosCodec.FromContentType("application/x-protobuf"));
        Assert.Null(MesosCodec.FromContentType("application/json; charset=utf-8"));
        Assert.Null(MesosCodec.FromContentType("Application/JSON"));
        Assert.Null(MesosCodec.FromContentType(null));
        Assert.Equal("application/json", MesosCodec.Json.ContentType);
        Assert.Equal("application/x-protobuf", MesosCodec.Protobuf.ContentType);
    }

    private static Event Decode(string json) => MesosCodec.Json.Decode<Event>(Encoding.UTF8.GetBytes(json));
}
