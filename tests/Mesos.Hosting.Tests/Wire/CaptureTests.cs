using System.Buffers;
using System.Text;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using TaskState = Mesos.V1.TaskState;
using SchedulerEvent = Mesos.V1.Scheduler.Event;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>Our protos and codecs against the bytes a real Mesos 1.12 master and agent sent.</summary>
public sealed class CaptureTests
{
    private static readonly SchedulerEvent.Types.Type[] SessionTypes =
    [
        SchedulerEvent.Types.Type.Subscribed, SchedulerEvent.Types.Type.Heartbeat, SchedulerEvent.Types.Type.Offers,
        SchedulerEvent.Types.Type.Update, SchedulerEvent.Types.Type.Update, SchedulerEvent.Types.Type.Update,
        SchedulerEvent.Types.Type.Offers, SchedulerEvent.Types.Type.Heartbeat,
    ];

    [Fact]
    public async Task The_json_scheduler_session_decodes_event_by_event()
    {
        var records = await ReadRecords("scheduler-json-stream.rio");
        var events = records.Select(r => MesosCodec.Json.Decode<SchedulerEvent>(r)).ToList();

        Assert.Equal(SessionTypes, events.Select(e => e.Type));
        AssertSession(events);
    }

    [Fact]
    public async Task The_protobuf_scheduler_session_decodes_event_by_event()
    {
        var records = await ReadRecords("scheduler-protobuf-stream.rio");
        var events = records.Select(r => MesosCodec.Protobuf.Decode<SchedulerEvent>(r)).ToList();

        Assert.Equal(SessionTypes.Take(events.Count), events.Select(e => e.Type));
        Assert.True(events.Count >= 6);
        Assert.Equal(15.0, events[0].Subscribed.HeartbeatIntervalSeconds);
        Assert.Equal(16777343u, events[0].Subscribed.MasterInfo.Ip);
    }

    [Fact]
    public async Task Our_protobuf_encoding_reproduces_the_masters_bytes_exactly()
    {
        foreach (var record in await ReadRecords("scheduler-protobuf-stream.rio"))
        {
            var decoded = MesosCodec.Protobuf.Decode<SchedulerEvent>(record);
            Assert.Equal(record, MesosCodec.Protobuf.Encode(decoded));
        }
    }

    [Fact]
    public async Task Our_json_encoding_says_what_the_masters_json_says()
    {
        foreach (var record in await ReadRecords("scheduler-json-stream.rio"))
        {
            var decoded = MesosCodec.Json.Decode<SchedulerEvent>(record);
            JsonEquivalence.AssertEquivalent(Encoding.UTF8.GetString(record), Encoding.UTF8.GetString(MesosCodec.Json.Encode(decoded)));
        }
    }

    [Fact]
    public async Task The_executor_session_decodes_and_reencodes_to_the_agents_json()
    {
        var records = await ReadRecords("executor-json-stream.rio");
        var events = records.Select(r => MesosCodec.Json.Decode<ExecutorEvent>(r)).ToList();

        Assert.Equal(
            [ExecutorEvent.Types.Type.Subscribed, ExecutorEvent.Types.Type.Launch, ExecutorEvent.Types.Type.Acknowledged, ExecutorEvent.Types.Type.Acknowledged],
            events.Select(e => e.Type));
        Assert.Equal("capture-executor", events[0].Subscribed.ExecutorInfo.ExecutorId.Value);
        Assert.NotNull(events[0].Subscribed.FrameworkInfo.Id);
        Assert.NotNull(events[0].Subscribed.ContainerId);
        Assert.All(events.Skip(2), e => Assert.True(MesosUuid.IsValid(e.Acknowledged.Uuid.Span)));
        for (var i = 0; i < records.Count; i++)
        {
            JsonEquivalence.AssertEquivalent(Encoding.UTF8.GetString(records[i]), Encoding.UTF8.GetString(MesosCodec.Json.Encode(events[i])));
        }
    }

    [Fact]
    public void The_calls_the_framework_sent_decode_and_reencode_to_the_same_json()
    {
        var calls = Captures.Lines("scheduler-json-calls.txt").Where(l => l.StartsWith('{')).ToList();

        Assert.Equal(7, calls.Count);
        foreach (var json in calls)
        {
            var call = MesosCodec.Json.Decode<SchedulerCall>(Encoding.UTF8.GetBytes(json));
            JsonEquivalence.AssertEquivalent(json, Encoding.UTF8.GetString(MesosCodec.Json.Encode(call)));
        }
    }

    private static void AssertSession(List<SchedulerEvent> events)
    {
        Assert.Equal(15.0, events[0].Subscribed.HeartbeatIntervalSeconds);
        Assert.Equal("master@127.0.0.1:5050", events[0].Subscribed.MasterInfo.Pid);

        var offer = events[2].Offers.Offers_[0];
        Assert.Contains(offer.Resources, r => r.Name == "ports" && r.Ranges.Range.Count > 0);
        Assert.Equal(events[0].Subscribed.FrameworkId, offer.FrameworkId);

        var updates = events.Where(e => e.Type == SchedulerEvent.Types.Type.Update).Select(e => e.Update.Status).ToList();
        Assert.Equal([TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskFinished], updates.Select(s => s.State));
        Assert.All(updates, s => Assert.True(MesosUuid.IsValid(s.Uuid.Span)));
        Assert.All(updates, s => Assert.Equal(s.TaskId.Value, s.ExecutorId.Value));
    }

    private static async Task<List<byte[]>> ReadRecords(string capture)
    {
        var records = new List<byte[]>();
        await using var reader = new RecordIoReader(new MemoryStream(Captures.Bytes(capture)));
        while (await reader.ReadAsync())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }
}
