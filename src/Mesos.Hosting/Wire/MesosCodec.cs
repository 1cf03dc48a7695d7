using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;

namespace Mesos.Hosting.Wire;

/// <summary>
/// One of the two encodings the Mesos v1 APIs speak, named by its exact Content-Type string.
/// </summary>
public abstract class MesosCodec
{
    private protected MesosCodec()
    {
    }

    /// <summary><c>application/x-protobuf</c>: the binary protobuf encoding.</summary>
    public static MesosCodec Protobuf { get; } = new ProtobufCodec();

    /// <summary>
    /// The feature switch that takes JSON out of a program. An executor that speaks protobuf (the default) can set it to
    /// false in its project (<c>&lt;RuntimeHostConfigurationOption Include="Mesos.Hosting.Wire.MesosCodec.IsJsonSupported"
    /// Value="false" Trim="true" /&gt;</c>), and a trimmed or NativeAOT publish then leaves out the JSON codec with
    /// Google.Protobuf's JSON parser and formatter: a smaller image, and fewer pages to touch at start.
    /// </summary>
    public const string JsonSwitchName = "Mesos.Hosting.Wire.MesosCodec.IsJsonSupported";

    // Why JSON is refused where the switch is off, as the options checks and the operator client's answers say it.
    internal const string JsonSwitchedOff = $"its project sets {JsonSwitchName} to false";

    /// <summary>False where the program's project switched JSON off (<see cref="JsonSwitchName"/>); true otherwise.</summary>
    [FeatureSwitchDefinition(JsonSwitchName)]
    public static bool IsJsonSupported => !AppContext.TryGetSwitch(JsonSwitchName, out var supported) || supported;

    /// <summary>
    /// <c>application/json</c>: proto field names in snake_case, enum names, base64 bytes. Throws
    /// <see cref="NotSupportedException"/> where the program switched JSON off (<see cref="IsJsonSupported"/>).
    /// </summary>
    public static MesosCodec Json => IsJsonSupported
        ? JsonInstance.Codec
        : throw new NotSupportedException($"JSON is switched off in this program: its project sets the feature switch {JsonSwitchName} to false. Speak {MesosContentTypes.Protobuf}, or take the switch out.");

    /// <summary>The media type, with no parameters: Mesos compares it as a raw string and refuses a charset.</summary>
    public abstract string ContentType { get; }

    /// <summary>
    /// The codec whose Content-Type is exactly <paramref name="contentType"/>, as Mesos compares it;
    /// null for anything else, <c>application/json; charset=utf-8</c> included, and for JSON where the program
    /// switched it off (<see cref="IsJsonSupported"/>).
    /// </summary>
    public static MesosCodec? FromContentType(string? contentType) => contentType switch
    {
        MesosContentTypes.Protobuf => Protobuf,
        MesosContentTypes.Json when IsJsonSupported => JsonInstance.Codec,
        _ => null,
    };

    /// <summary>
    /// Decodes one message. Fields this SDK does not know are ignored; a payload that is not the
    /// encoding, or that lacks a required field, throws <see cref="MesosDecodeException"/>.
    /// </summary>
    public abstract T Decode<T>(in ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>, new();

    /// <summary>Decodes one message from a contiguous buffer; see <see cref="Decode{T}(in ReadOnlySequence{byte})"/>.</summary>
    public T Decode<T>(ReadOnlyMemory<byte> payload)
        where T : class, IMessage<T>, new() => Decode<T>(new ReadOnlySequence<byte>(payload));

    /// <summary>Appends the encoding of <paramref name="message"/> to <paramref name="output"/>.</summary>
    public abstract void Encode(IMessage message, IBufferWriter<byte> output);

    /// <summary>The encoding of <paramref name="message"/> as a new array (an HTTP request body).</summary>
    public byte[] Encode(IMessage message)
    {
        var output = new ArrayBufferWriter<byte>();
        Encode(message, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Appends <paramref name="message"/> as one RecordIO record.</summary>
    public virtual void WriteRecord(IBufferWriter<byte> output, IMessage message)
    {
        var body = new ArrayBufferWriter<byte>();
        Encode(message, body);
        RecordIoWriter.Write(output, body.WrittenSpan);
    }

    /// <inheritdoc/>
    public override string ToString() => ContentType;

    private protected static void ThrowIfMissingRequiredFields(IMessage message)
    {
        var missing = RequiredFields.FindMissing(message);
        if (missing.Count > 0)
        {
            throw new MesosDecodeException(
                MesosDecodeFailure.MissingRequiredFields,
                message.Descriptor.FullName,
                "Missing required fields: " + string.Join(", ", missing));
        }
    }

    // Created on first use, so that a program that switched JSON off never reaches, and a trimmer can drop, the codec.
    private static class JsonInstance
    {
        public static readonly MesosCodec Codec = new JsonCodec();
    }
}
