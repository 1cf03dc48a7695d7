using System.Buffers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mesos.Hosting.Wire;

internal sealed class JsonCodec : MesosCodec
{
    // Mesos ignores JSON keys that are not field names, and so must we: newer masters add fields.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public override string ContentType => MesosContentTypes.Json;

    public override T Decode<T>(in ReadOnlySequence<byte> payload)
    {
        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MesosDecodeException(MesosDecodeFailure.NotJson, TypeName<T>(), "the body is not UTF-8: " + ex.Message, ex);
        }

        T message;
        try
        {
            message = Parser.Parse<T>(StoutDurations.ToCanonical(LargeJsonIntegers.Quote(json), DescriptorOf<T>.Value));
        }
        catch (InvalidJsonException ex)
        {
            throw new MesosDecodeException(MesosDecodeFailure.NotJson, TypeName<T>(), ex.Message, ex);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new MesosDecodeException(MesosDecodeFailure.JsonDoesNotFitMessage, TypeName<T>(), ex.Message, ex);
        }
        catch (FormatException ex)
        {
            throw new MesosDecodeException(MesosDecodeFailure.JsonDoesNotFitMessage, TypeName<T>(), ex.Message, ex);
        }

        ThrowIfMissingRequiredFields(message);
        return message;
    }

    public override void Encode(IMessage message, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        MesosJsonWriter.Write(writer, message);
    }

    private static string TypeName<T>()
        where T : class, IMessage<T>, new() => DescriptorOf<T>.Value.FullName;

    private static class DescriptorOf<T>
        where T : class, IMessage<T>, new()
    {
        public static readonly MessageDescriptor Value = new T().Descriptor;
    }
}
