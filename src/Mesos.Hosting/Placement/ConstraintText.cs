using System.Text.Json;

namespace Mesos.Hosting.Placement;

/// <summary>Marathon's textual constraints: <c>rack:GROUP_BY:3</c> and <c>["rack", "GROUP_BY", "3"]</c>, with <c>~</c> in front for soft ones.</summary>
internal static class ConstraintText
{
    public static PlacementConstraint ParseOne(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            return FromParts(text, ReadArray(text, trimmed));
        }

        var soft = trimmed.StartsWith('~');
        var parts = (soft ? trimmed[1..] : trimmed).Split(':', 3);
        return FromParts(text, soft ? ["~" + parts[0], .. parts[1..]] : parts);
    }

    public static IReadOnlyList<PlacementConstraint> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        if (!trimmed.StartsWith('['))
        {
            return trimmed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseOne).ToList();
        }

        try
        {
            using var json = JsonDocument.Parse(trimmed);
            if (json.RootElement.GetArrayLength() > 0 && json.RootElement[0].ValueKind == JsonValueKind.String)
            {
                return [ParseOne(trimmed)];
            }

            return json.RootElement.EnumerateArray().Select(e => ParseOne(e.GetRawText())).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"Constraints '{text}' are not a JSON array of constraints: {e.Message}", e);
        }
    }

    private static string[] ReadArray(string text, string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, PlacementJsonContext.Default.StringArray) ?? [];
        }
        catch (JsonException e)
        {
            throw new FormatException($"Constraint '{text}' is not a JSON array of strings: {e.Message}", e);
        }
    }

    private static PlacementConstraint FromParts(string text, string[] parts)
    {
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException($"Constraint '{text}' is not field:OPERATOR[:value].");
        }

        var field = parts[0].Trim();
        var soft = field.StartsWith('~');
        if (soft)
        {
            field = field[1..];
        }

        if (!TryOperator(parts[1].Trim(), out var op))
        {
            throw new FormatException($"Constraint '{text}': '{parts[1]}' is not an operator (UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS, IN).");
        }

        try
        {
            return PlacementConstraint.Create(field, op, parts.Length == 3 ? parts[2] : null, soft);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static bool TryOperator(string name, out ConstraintOperator op)
    {
        foreach (var candidate in Enum.GetValues<ConstraintOperator>())
        {
            if (string.Equals(PlacementConstraint.OperatorName(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }
}
