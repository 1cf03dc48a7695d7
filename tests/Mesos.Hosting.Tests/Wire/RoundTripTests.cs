using Google.Protobuf;
using Mesos.Hosting.Wire;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Tests.Wire;

public sealed class RoundTripTests
{
    public static TheoryData<MesosCodec, SchedulerCall.Types.Type> SchedulerCalls() => Every<SchedulerCall.Types.Type>();

    public static TheoryData<MesosCodec, SchedulerEvent.Types.Type> SchedulerEvents() => Every<SchedulerEvent.Types.Type>();

    public static TheoryData<MesosCodec, ExecutorCall.Types.Type> ExecutorCalls() => Every<ExecutorCall.Types.Type>();

    public static TheoryData<MesosCodec, ExecutorEvent.Types.Type> ExecutorEvents() => Every<ExecutorEvent.Types.Type>();

    [Theory]
    [MemberData(nameof(SchedulerCalls))]
    public void Every_scheduler_call_survives_both_encodings(MesosCodec codec, SchedulerCall.Types.Type type)
        => AssertRoundTrip(codec, SampleMessages.SchedulerCall(type));

    [Theory]
    [MemberData(nameof(SchedulerEvents))]
    public void Every_scheduler_event_survives_both_encodings(MesosCodec codec, SchedulerEvent.Types.Type type)
        => AssertRoundTrip(codec, SampleMessages.SchedulerEvent(type));

    [Theory]
    [MemberData(nameof(ExecutorCalls))]
    public void Every_executor_call_survives_both_encodings(MesosCodec codec, ExecutorCall.Types.Type type)
        => AssertRoundTrip(codec, SampleMessages.ExecutorCall(type));

    [Theory]
    [MemberData(nameof(ExecutorEvents))]
    public void Every_executor_event_survives_both_encodings(MesosCodec codec, ExecutorEvent.Types.Type type)
        => AssertRoundTrip(codec, SampleMessages.ExecutorEvent(type));

    [Fact]
    public void Samples_fill_the_payload_field_their_type_names()
    {
        // A round trip of an empty payload proves little: each sample must carry its own payload.
        foreach (var type in Enum.GetValues<SchedulerCall.Types.Type>().Where(t => t is not (SchedulerCall.Types.Type.Unknown or SchedulerCall.Types.Type.Teardown)))
        {
            var call = SampleMessages.SchedulerCall(type);
            var payloads = SchedulerCall.Descriptor.Fields.InDeclarationOrder().Where(f => f.FieldType == Google.Protobuf.Reflection.FieldType.Message && f.Name != "framework_id" && f.Accessor.HasValue(call));
            Assert.Single(payloads);
        }
    }

    private static void AssertRoundTrip<T>(MesosCodec codec, T message)
        where T : class, IMessage<T>, new()
    {
        var bytes = codec.Encode(message);
        var decoded = codec.Decode<T>(bytes);
        Assert.Equal(message, decoded);

        // And as a RecordIO record, the way every event travels.
        var framed = new System.Buffers.ArrayBufferWriter<byte>();
        codec.WriteRecord(framed, message);
        var header = System.Text.Encoding.ASCII.GetBytes($"{bytes.Length}\n");
        Assert.Equal([.. header, .. bytes], framed.WrittenSpan.ToArray());
    }

    private static TheoryData<MesosCodec, TType> Every<TType>()
        where TType : struct, Enum
    {
        var data = new TheoryData<MesosCodec, TType>();
        foreach (var codec in new[] { MesosCodec.Protobuf, MesosCodec.Json })
        {
            foreach (var type in Enum.GetValues<TType>())
            {
                data.Add(codec, type);
            }
        }

        return data;
    }
}
