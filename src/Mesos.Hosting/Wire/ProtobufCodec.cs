using System.Buffers;
using Google.Protobuf;

namespace Mesos.Hosting.Wire;

internal sealed class ProtobufCodec : MesosCodec
{
    public override string ContentType => MesosContentTypes.Protobuf;

    public override T Decode<T>(in ReadOnlySequence<byte> payload)
    {
        try
        {
            return ParserOf<T>.Instance.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new MesosDecodeException(MesosDecodeFailure.NotProtobuf, new T().Descriptor.FullName, ex.Message, ex);
        }
        catch (InvalidOperationException)
        {
            // The parser only says that a required field is missing; parse again, unchecked, to name it.
            var partial = new T();
            partial.MergeFrom(payload.ToArray());
            ThrowIfMissingRequiredFields(partial);
            throw;
        }
    }

    public override void Encode(IMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var size = message.CalculateSize();
        message.WriteTo(output.GetSpan(size)[..size]);
        output.Advance(size);
    }

    // The size is known before writing, so the record goes straight into the output.
    public override void WriteRecord(IBufferWriter<byte> output, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var size = message.CalculateSize();
        var span = output.GetSpan(RecordIoWriter.MaxHeaderLength + size);
        var header = RecordIoWriter.WriteHeader(span, size);
        message.WriteTo(span.Slice(header, size));
        output.Advance(header + size);
    }

    // Only the parser: a message's Descriptor builds the reflection descriptors of its whole .proto file and the files it
    // imports (mesos.proto's hundreds of messages), which a parse never needs; an executor would pay for it before SUBSCRIBED.
    private static class ParserOf<T>
        where T : class, IMessage<T>, new()
    {
        public static readonly MessageParser<T> Instance = new(() => new T());
    }
}
