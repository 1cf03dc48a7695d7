using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;

namespace Mesos.Hosting.Placement;

/// <summary>
/// A Mesos message of a <see cref="TaskRequest"/> in JSON (as the workload store keeps it): its protobuf bytes, base64. Protobuf's own encoding keeps every field,
/// including ones this version does not know, where a JSON mapping of the message would have to choose.
/// </summary>
internal sealed class ProtobufBytesJsonConverter<T> : JsonConverter<T>
    where T : class, IMessage<T>, new()
{
    private static readonly MessageParser<T> Parser = new(() => new T());

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return Parser.ParseFrom(reader.GetBytesFromBase64());
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new JsonException($"The {typeof(T).Name} in the JSON is not a valid protobuf message: {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value.ToByteArray());
}

/// <summary>A placement constraint in JSON: its text, as users write it and <see cref="PlacementConstraint.Parse"/> reads it.</summary>
internal sealed class PlacementConstraintJsonConverter : JsonConverter<PlacementConstraint>
{
    public override PlacementConstraint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A placement constraint in the JSON is null.");
        try
        {
            return PlacementConstraint.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"The placement constraint '{text}' in the JSON does not parse: {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, PlacementConstraint value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
