using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using TaskStatus = Mesos.V1.TaskStatus;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>
/// Expected bytes here are written from the protobuf encoding rules by hand (tag = field number
/// shifted left 3 or'd with the wire type; varints little-endian in 7-bit groups; doubles as
/// 8 little-endian IEEE-754 bytes), never produced by our own encoder.
/// </summary>
public sealed class GoldenBytesTests
{
    [Fact]
    public void An_id_is_one_length_delimited_string()
    {
        var id = MesosId.Of<FrameworkID>("abc");

        // field 1, wire type 2 -> 0x0A; length 3; "abc"
        AssertGolden(id, [0x0A, 0x03, (byte)'a', (byte)'b', (byte)'c']);
    }

    [Fact]
    public void A_subscribe_call_puts_type_before_its_payload()
    {
        var call = new Call
        {
            Type = Call.Types.Type.Subscribe,
            Subscribe = new Call.Types.Subscribe { FrameworkInfo = new FrameworkInfo { User = "u", Name = "n" } },
        };

        byte[] frameworkInfo = [0x0A, 0x01, (byte)'u', 0x12, 0x01, (byte)'n'];
        byte[] subscribe = [0x0A, (byte)frameworkInfo.Length, .. frameworkInfo];

        // type: field 2 varint (0x10) = 1; subscribe: field 3 length-delimited (0x1A)
        AssertGolden(call, [0x10, 0x01, 0x1A, (byte)subscribe.Length, .. subscribe]);
    }

    [Fact]
    public void A_heartbeat_event_is_two_bytes()
        => AssertGolden(new Event { Type = Event.Types.Type.Heartbeat }, [0x08, 0x08]);

    [Fact]
    public void The_heartbeat_interval_is_a_little_endian_double()
    {
        var subscribed = new Event.Types.Subscribed { FrameworkId = MesosId.Of<FrameworkID>("f"), HeartbeatIntervalSeconds = 15.0 };

        // 15.0 = 0x402E000000000000; field 2, wire type 1 -> 0x11
        AssertGolden(subscribed, [0x0A, 0x03, 0x0A, 0x01, (byte)'f', 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2E, 0x40]);
    }

    [Fact]
    public void A_negative_int32_takes_ten_varint_bytes()
    {
        var failure = new Event.Types.Failure { Status = -1 };

        // field 3 varint -> 0x18; -1 sign-extended to 64 bits
        AssertGolden(failure, [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
    }

    [Fact]
    public void A_port_range_is_two_uint64_varints()
    {
        var range = new Value.Types.Range { Begin = 31000, End = 32000 };

        // 31000 = 0b1_1110010_0011000 -> 0x98 0xF2 0x01; 32000 = 0b1_1111010_0000000 -> 0x80 0xFA 0x01
        AssertGolden(range, [0x08, 0x98, 0xF2, 0x01, 0x10, 0x80, 0xFA, 0x01]);
    }

    [Fact]
    public void Task_staging_is_enum_value_six()
    {
        var status = new TaskStatus { TaskId = MesosId.Of<TaskID>("t"), State = TaskState.TaskStaging };

        AssertGolden(status, [0x0A, 0x03, 0x0A, 0x01, (byte)'t', 0x10, 0x06]);
    }

    [Fact]
    public void A_map_entry_is_a_nested_key_value_message()
    {
        var task = new TaskInfo
        {
            Name = "n",
            TaskId = MesosId.Of<TaskID>("t"),
            AgentId = MesosId.Of<AgentID>("a"),
            Limits = { ["cpus"] = new Value.Types.Scalar { Value = 1.0 } },
        };

        byte[] scalar = [0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F];
        byte[] entry = [0x0A, 0x04, (byte)'c', (byte)'p', (byte)'u', (byte)'s', 0x12, (byte)scalar.Length, .. scalar];

        // name (1), task_id (2), agent_id (3), then limits: field 15, wire type 2 -> 0x7A
        AssertGolden(task, [0x0A, 0x01, (byte)'n', 0x12, 0x03, 0x0A, 0x01, (byte)'t', 0x1A, 0x03, 0x0A, 0x01, (byte)'a', 0x7A, (byte)entry.Length, .. entry]);
    }

    [Fact]
    public void A_status_uuid_is_sixteen_raw_bytes()
    {
        byte[] uuid = [0xE3, 0x2A, 0xB7, 0x7E, 0xDE, 0xD3, 0x4D, 0xF6, 0x8D, 0xEF, 0x58, 0x63, 0x43, 0x16, 0x06, 0xE3];
        var ack = new Call.Types.Acknowledge { AgentId = MesosId.Of<AgentID>("a"), TaskId = MesosId.Of<TaskID>("t"), Uuid = ByteString.CopyFrom(uuid) };

        AssertGolden(ack, [0x0A, 0x03, 0x0A, 0x01, (byte)'a', 0x12, 0x03, 0x0A, 0x01, (byte)'t', 0x1A, 0x10, .. uuid]);
    }

    private static void AssertGolden<T>(T message, byte[] expected)
        where T : class, IMessage<T>, new()
    {
        Assert.Equal(expected, MesosCodec.Protobuf.Encode(message));
        Assert.Equal(message, MesosCodec.Protobuf.Decode<T>(expected));
    }
}
