using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Mesos (stout) writes and reads a <c>google.protobuf.Duration</c> in JSON as the message it is,
/// <c>{"seconds": 90, "nanos": 0}</c>; Google.Protobuf's parser reads only its canonical <c>"90s"</c>. Before a
/// message that holds such a field (DRAIN_AGENT's max_grace_period) is parsed, its JSON is turned into the
/// canonical form. Messages without one are left alone, their JSON untouched.
/// </summary>
internal static class StoutDurations
{
    private static readonly ConcurrentDictionary<MessageDescriptor, bool> Holding = new();

    public static string ToCanonical(string json, MessageDescriptor message)
    {
        if (!Holds(message))
        {
            return json;
        }

        try
        {
            if (JsonNode.Parse(json) is not JsonObject root)
            {
                return json;
            }

            Rewrite(root, message);
            return root.ToJsonString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, a name given twice (which a JsonObject refuses as it fills) or a lone surrogate escape: left as
            // it came, for the parser to judge in its own words.
            return json;
        }
    }

    private static void Rewrite(JsonObject json, MessageDescriptor message)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var valueType = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
            if (valueType.FieldType != FieldType.Message || !Holds(valueType.MessageType) || json[field.Name] is not { } node)
            {
                continue;
            }

            var values = node switch
            {
                JsonArray array => array.Select((value, index) => (Value: value, Replace: (Action<JsonNode>)(v => array[index] = v))).ToList(),
                JsonObject map when field.IsMap => map.Select(entry => (Value: entry.Value, Replace: (Action<JsonNode>)(v => map[entry.Key] = v))).ToList(),
                _ => [(Value: (JsonNode?)node, Replace: (Action<JsonNode>)(v => json[field.Name] = v))],
            };

            foreach (var (value, replace) in values)
            {
                if (valueType.MessageType == Duration.Descriptor)
                {
                    if (value is JsonObject duration && Canonical(duration) is { } text)
                    {
                        replace(JsonValue.Create(text));
                    }
                }
                else if (value is JsonObject inner)
                {
                    Rewrite(inner, valueType.MessageType);
                }
            }
        }
    }

    // "90s", "-1.500000000s"; null when seconds or nanos is not an integer, for the parser to refuse. Other keys
    // are ignored, as Mesos ignores JSON keys that name no field.
    private static string? Canonical(JsonObject duration)
    {
        if (!Integer(duration["seconds"], out var seconds) || !Integer(duration["nanos"], out var nanos))
        {
            return null;
        }

        var negative = seconds < 0 || nanos < 0;
        var whole = Math.Abs(seconds);
        var fraction = Math.Abs(nanos);
        return string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{whole}{(fraction == 0 ? "" : $".{fraction:D9}")}s");
    }

    // Mesos writes 64-bit integers as numbers and reads them from numeric strings too; absent means zero.
    private static bool Integer(JsonNode? node, out long value)
    {
        value = 0;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue scalar)
        {
            return false;
        }

        return scalar.TryGetValue(out value)
            || (scalar.TryGetValue(out string? text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));
    }

    // Whether a Duration is reachable from `message`, by a walk over the message types below it.
    private static bool Holds(MessageDescriptor message) => Holding.GetOrAdd(message, static root =>
    {
        var seen = new HashSet<MessageDescriptor> { root };
        var pending = new Queue<MessageDescriptor>([root]);
        while (pending.TryDequeue(out var next))
        {
            if (next == Duration.Descriptor)
            {
                return true;
            }

            foreach (var field in next.Fields.InDeclarationOrder())
            {
                if (field.FieldType == FieldType.Message && seen.Add(field.MessageType))
                {
                    pending.Enqueue(field.MessageType);
                }
            }
        }

        return false;
    });
}
