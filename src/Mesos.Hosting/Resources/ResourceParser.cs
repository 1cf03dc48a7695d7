using System.Globalization;
using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Mesos's text form of resources (an agent's <c>--resources</c>), read into a <see cref="ResourceSet"/>.</summary>
internal static class ResourceParser
{
    public static ResourceSet Parse(string text, string defaultRole)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaultRole);
        var resources = new List<Resource>();
        foreach (var token in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            resources.Add(ParseOne(token, defaultRole));
        }

        try
        {
            return ResourceSet.From(resources);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static Resource ParseOne(string token, string defaultRole)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == token.Length - 1)
        {
            throw new FormatException($"Resource '{token}' is not 'name:value' or 'name(role):value'.");
        }

        var (name, role) = NameAndRole(token, token[..colon].Trim());
        var resource = new Resource { Name = name };
        if (role != MesosRoles.Any)
        {
            resource.Reservations.Add(new Resource.Types.ReservationInfo { Type = Resource.Types.ReservationInfo.Types.Type.Static, Role = role });
        }

        var value = token[(colon + 1)..].Replace(" ", string.Empty, StringComparison.Ordinal);
        if (value.StartsWith('['))
        {
            resource.Type = Value.Types.Type.Ranges;
            resource.Ranges = ParseRanges(token, value);
        }
        else if (value.StartsWith('{'))
        {
            resource.Type = Value.Types.Type.Set;
            resource.Set = value.EndsWith('}')
                ? ValueSets.Of(value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                : throw new FormatException($"Resource '{token}': a set is written {{a,b,...}}.");
        }
        else
        {
            resource.Type = Value.Types.Type.Scalar;
            resource.Scalar = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scalar)
                ? new Value.Types.Scalar { Value = scalar }
                : throw new FormatException($"Resource '{token}': '{value}' is not a number, ranges [b-e,...] or a set {{a,...}}.");
        }

        return resource;

        (string Name, string Role) NameAndRole(string whole, string head)
        {
            var open = head.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                return (head, defaultRole);
            }

            var close = head.IndexOf(')', StringComparison.Ordinal);
            return close > open
                ? (head[..open].Trim(), head[(open + 1)..close].Trim())
                : throw new FormatException($"Resource '{whole}' has mismatched parentheses.");
        }
    }

    /// <summary>Ranges as Mesos writes them: <c>[31000-31005,32000-32000]</c>.</summary>
    internal static Value.Types.Ranges ParseRanges(string context, string value)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            throw new FormatException($"'{context}': ranges are written [begin-end,...].");
        }

        var ranges = new Value.Types.Ranges();
        foreach (var part in value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length != 2
                || !ulong.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var begin)
                || !ulong.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                throw new FormatException($"'{context}': '{part}' is not a range of non-negative integers begin-end.");
            }

            ranges.Range.Add(new Value.Types.Range { Begin = begin, End = end });
        }

        return ranges;
    }
}
