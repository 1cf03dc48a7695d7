using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Mesos writes 64-bit integers (a TimeInfo's nanoseconds since the epoch) as JSON numbers, and Google.Protobuf's
/// parser reads every number as a double, which rounds those beyond 2^53 (1796085498291000000 becomes
/// ...000064). It reads an integer in a string exactly, so such numbers are quoted before parsing; JSON
/// without one is left untouched.
/// </summary>
internal static class LargeJsonIntegers
{
    // 2^53: every integer of smaller magnitude is exact as a double. Sixteen digits is where larger ones begin.
    private const long ExactLimit = 1L << 53;
    private const int ShortestInexact = 16;

    public static string Quote(string json)
    {
        if (!HasLongDigitRun(json))
        {
            return json;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        var output = new ArrayBufferWriter<byte>(bytes.Length + 16);
        try
        {
            using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
            while (reader.Read())
            {
                Copy(ref reader, writer);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string no .NET reader takes (a lone surrogate escape): left as it came, for the parser to
            // judge in its own words.
            return json;
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.PropertyName:
                writer.WritePropertyName(reader.GetString()!);
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.GetString());
                break;
            case JsonTokenType.Number when IsInexactInteger(ref reader):
                writer.WriteStringValue(Encoding.UTF8.GetString(reader.ValueSpan));
                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.WriteBooleanValue(reader.GetBoolean());
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                break;
        }
    }

    // An integer a double cannot hold exactly: beyond ±2^53, up to ulong's range.
    private static bool IsInexactInteger(ref Utf8JsonReader reader)
        => reader.TryGetInt64(out var integer) ? integer >= ExactLimit || integer <= -ExactLimit : reader.TryGetUInt64(out _);

    private static bool HasLongDigitRun(string json)
    {
        var run = 0;
        foreach (var c in json)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run >= ShortestInexact)
            {
                return true;
            }
        }

        return false;
    }
}
