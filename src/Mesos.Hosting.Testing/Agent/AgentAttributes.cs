using System.Globalization;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// Attributes in Mesos's agent flag syntax (src/common/attributes.cpp, <c>Attributes::parse</c>): <c>name:value</c>
/// pairs separated by <c>;</c>, a value in brackets a range list, in braces a set, a number a scalar, anything else text.
/// </summary>
internal static class AgentAttributes
{
    public static List<Mesos.V1.Attribute> Parse(string? text)
    {
        var attributes = new List<Mesos.V1.Attribute>();
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                throw new FormatException($"Attribute '{part}' in '{text}' is not of the form name:value.");
            }

            attributes.Add(Parse(part[..colon].Trim(), part[(colon + 1)..].Trim(), text!));
        }

        return attributes;
    }

    private static Mesos.V1.Attribute Parse(string name, string value, string text)
    {
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            var ranges = new Value.Types.Ranges();
            foreach (var range in value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var bounds = range.Split('-', StringSplitOptions.TrimEntries);
                if (bounds.Length != 2 || !ulong.TryParse(bounds[0], CultureInfo.InvariantCulture, out var begin) || !ulong.TryParse(bounds[1], CultureInfo.InvariantCulture, out var end) || end < begin)
                {
                    throw new FormatException($"Attribute '{name}' in '{text}' has the range '{range}', which is not begin-end.");
                }

                ranges.Range.Add(new Value.Types.Range { Begin = begin, End = end });
            }

            return new Mesos.V1.Attribute { Name = name, Type = Value.Types.Type.Ranges, Ranges = ranges };
        }

        if (value.StartsWith('{') && value.EndsWith('}'))
        {
            var set = new Value.Types.Set();
            set.Item.AddRange(value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return new Mesos.V1.Attribute { Name = name, Type = Value.Types.Type.Set, Set = set };
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scalar)
            ? new Mesos.V1.Attribute { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = scalar } }
            : new Mesos.V1.Attribute { Name = name, Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = value } };
    }
}
