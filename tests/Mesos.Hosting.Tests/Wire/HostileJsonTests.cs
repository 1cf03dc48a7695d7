using System.Text;
using Mesos.Hosting.Wire;
using MasterCall = Mesos.V1.Master.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>
/// JSON a broken peer may send, which the codec's rewrites (large integers quoted, stout durations made canonical) read
/// before Google.Protobuf's parser does: whatever it holds, decoding either succeeds or fails as a decode failure, the
/// failure that ends a stream and calls for a new subscription, never as another exception that stops the driver.
/// </summary>
public sealed class HostileJsonTests
{
    public static TheoryData<string> Hostile => new()
    {
        // A lone surrogate escape, with a run of digits long enough to make the integer rewrite read the whole text.
        """{"type":"HEARTBEAT","x":"\ud800","n":1234567890123456}""",
        """{"type":"HEARTBEAT","\udc00":1234567890123456}""",
        // One name twice.
        """{"type":"HEARTBEAT","type":"HEARTBEAT","n":1234567890123456}""",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_scheduler_event_decodes_or_fails_as_a_decode_failure(string json)
    {
        DecodesOrFailsAsDecodeFailure<SchedulerEvent>(json);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("""{"type":"DRAIN_AGENT","drain_agent":{"agent_id":{"value":"a"},"max_grace_period":{"seconds":1,"seconds":2},"x":"\ud800"}}""")]
    [InlineData("""{"type":"DRAIN_AGENT","drain_agent":{"agent_id":{"value":"a"},"max_grace_period":{"seconds":1}},"type":"DRAIN_AGENT"}""")]
    public void An_operator_call_holding_a_duration_decodes_or_fails_as_a_decode_failure(string json)
    {
        DecodesOrFailsAsDecodeFailure<MasterCall>(json);
    }

    private static void DecodesOrFailsAsDecodeFailure<T>(string json)
        where T : class, Google.Protobuf.IMessage<T>, new()
    {
        var payload = Encoding.UTF8.GetBytes(json).AsMemory();
        var thrown = Record.Exception(() => MesosCodec.Json.Decode<T>(payload));
        Assert.True(thrown is null or MesosDecodeException, $"{json} threw {thrown}");
    }
}
