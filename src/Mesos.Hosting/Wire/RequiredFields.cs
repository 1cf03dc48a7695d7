using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mesos.Hosting.Wire;

/// <summary>Names the proto2 required fields a message lacks, as paths like <c>tasks[0].task_id</c>.</summary>
internal static class RequiredFields
{
    public static IReadOnlyList<string> FindMissing(IMessage message)
    {
        var missing = new List<string>();
        Collect(message, prefix: string.Empty, missing);
        return missing;
    }

    private static void Collect(IMessage message, string prefix, List<string> missing)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var path = prefix + field.Name;
            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                if (valueField.FieldType == FieldType.Message)
                {
                    foreach (DictionaryEntry entry in (IDictionary)field.Accessor.GetValue(message))
                    {
                        Collect((IMessage)entry.Value!, string.Create(CultureInfo.InvariantCulture, $"{path}[{entry.Key}]."), missing);
                    }
                }
            }
            else if (field.IsRepeated)
            {
                if (field.FieldType == FieldType.Message)
                {
                    var index = 0;
                    foreach (IMessage element in (IList)field.Accessor.GetValue(message))
                    {
                        Collect(element, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]."), missing);
                    }
                }
            }
            // Only proto3 scalars (inside google.protobuf.Duration, say) lack presence, and they are never required.
            else if (field.HasPresence && !field.Accessor.HasValue(message))
            {
                if (field.IsRequired)
                {
                    missing.Add(path);
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                Collect((IMessage)field.Accessor.GetValue(message), path + ".", missing);
            }
        }
    }
}
