using System.Collections;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Writes a message as Mesos writes JSON (stout's protobuf-to-JSON): proto field names, only the
/// fields that are set, enums by name, bytes in base64, and 64-bit integers as JSON numbers.
/// Google.Protobuf's formatter writes 64-bit integers as strings, which clients written against a
/// real master (pymesos, for one) then treat as text.
/// </summary>
internal static class MesosJsonWriter
{
    public static void Write(Utf8JsonWriter writer, IMessage message)
    {
        writer.WriteStartObject();
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.IsMap)
            {
                WriteMap(writer, field, (IDictionary)field.Accessor.GetValue(message));
            }
            else if (field.IsRepeated)
            {
                WriteList(writer, field, (IList)field.Accessor.GetValue(message));
            }
            else if (IsSet(message, field))
            {
                writer.WritePropertyName(field.Name);
                WriteValue(writer, field, field.Accessor.GetValue(message));
            }
        }

        writer.WriteEndObject();
    }

    // Fields of proto3 messages (google.protobuf.Duration in DRAIN_AGENT) have no presence: they count as set
    // when they differ from their default, which is what protobuf writes for them too.
    private static bool IsSet(IMessage message, FieldDescriptor field)
        => field.HasPresence ? field.Accessor.HasValue(message) : !Equals(field.Accessor.GetValue(message), DefaultOf(field));

    private static object DefaultOf(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => string.Empty,
        FieldType.Bytes => ByteString.Empty,
        FieldType.Bool => false,
        FieldType.Double => 0d,
        FieldType.Float => 0f,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 0L,
        FieldType.UInt64 or FieldType.Fixed64 => 0UL,
        FieldType.UInt32 or FieldType.Fixed32 => 0U,
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, 0),
        _ => 0,
    };

    private static void WriteList(Utf8JsonWriter writer, FieldDescriptor field, IList values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(field.Name);
        foreach (var value in values)
        {
            WriteValue(writer, field, value);
        }

        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, FieldDescriptor field, IDictionary entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var valueField = field.MessageType.FindFieldByNumber(2);
        writer.WriteStartObject(field.Name);
        foreach (DictionaryEntry entry in entries)
        {
            writer.WritePropertyName(MapKey(entry.Key));
            WriteValue(writer, valueField, entry.Value!);
        }

        writer.WriteEndObject();
    }

    private static string MapKey(object key) => key switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => (string)key,
    };

    private static void WriteValue(Utf8JsonWriter writer, FieldDescriptor field, object value)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
            case FieldType.Group:
                Write(writer, (IMessage)value);
                break;
            case FieldType.String:
                writer.WriteStringValue((string)value);
                break;
            case FieldType.Bytes:
                writer.WriteBase64StringValue(((ByteString)value).Span);
                break;
            case FieldType.Bool:
                writer.WriteBooleanValue((bool)value);
                break;
            case FieldType.Enum:
                WriteEnum(writer, field.EnumType, Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case FieldType.Double:
                WriteDouble(writer, (double)value);
                break;
            case FieldType.Float:
                WriteDouble(writer, (float)value);
                break;
            case FieldType.UInt64:
            case FieldType.Fixed64:
                writer.WriteNumberValue((ulong)value);
                break;
            case FieldType.UInt32:
            case FieldType.Fixed32:
                writer.WriteNumberValue((uint)value);
                break;
            case FieldType.Int64:
            case FieldType.SInt64:
            case FieldType.SFixed64:
                writer.WriteNumberValue((long)value);
                break;
            default:
                writer.WriteNumberValue((int)value);
                break;
        }
    }

    private static void WriteEnum(Utf8JsonWriter writer, EnumDescriptor type, int number)
    {
        if (type.FindValueByNumber(number) is { } known)
        {
            writer.WriteStringValue(known.Name);
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }

    // JSON has no infinities; Mesos reads these strings (resource limits use "Infinity").
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
