using System.Globalization;
using Mesos.Hosting.Resources;
using Mesos.V1;
using MesosAttribute = Mesos.V1.Attribute;

namespace Mesos.Hosting.Placement;

/// <summary>IS and IN, compared by the attribute's own type: numbers as numbers, ranges and sets regardless of order.</summary>
internal static class AttributeMatching
{
    public static bool Is(MesosAttribute attribute, string value) => attribute.Type switch
    {
        Value.Types.Type.Text => attribute.Text?.Value == value,
        Value.Types.Type.Scalar => TryNumber(value, out var number) && FixedPoint.AreEqual(attribute.Scalar?.Value ?? 0, number),
        Value.Types.Type.Ranges => TryRanges(value, out var ranges) && ValueRanges.AreEqual(attribute.Ranges ?? new(), ranges),
        Value.Types.Type.Set => TrySet(value, out var set) && ValueSets.AreEqual(attribute.Set ?? new(), set),
        _ => false,
    };

    public static bool In(MesosAttribute attribute, string values)
    {
        if (TrySet(values, out var set))
        {
            return attribute.Type switch
            {
                Value.Types.Type.Text => set.Item.Contains(attribute.Text?.Value ?? string.Empty),
                Value.Types.Type.Scalar => set.Item.Any(i => TryNumber(i, out var n) && FixedPoint.AreEqual(n, attribute.Scalar?.Value ?? 0)),
                Value.Types.Type.Set => ValueSets.IsSubset(attribute.Set ?? new(), set),
                _ => false,
            };
        }

        if (TryRanges(values, out var ranges))
        {
            return attribute.Type switch
            {
                Value.Types.Type.Text => ulong.TryParse(attribute.Text?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && ValueRanges.Contains(ranges, n),
                Value.Types.Type.Scalar => ranges.Range.Any(r => r.Begin <= (attribute.Scalar?.Value ?? 0) && (attribute.Scalar?.Value ?? 0) <= r.End),
                Value.Types.Type.Ranges => ValueRanges.IsSubset(attribute.Ranges ?? new(), ranges),
                Value.Types.Type.Set => (attribute.Set?.Item ?? []).All(i => ulong.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && ValueRanges.Contains(ranges, n)),
                _ => false,
            };
        }

        return false;
    }

    /// <summary>Throws, naming the constraint, when an IN value is neither a set nor ranges.</summary>
    public static void CheckInValue(string constraint, string value)
    {
        if (!TrySet(value, out _) && !TryRanges(value, out _))
        {
            throw new ArgumentException($"Constraint '{constraint}': '{value}' is neither a set {{a,b}} nor ranges [1-5].", nameof(value));
        }
    }

    private static bool TryNumber(string text, out double number)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static bool TrySet(string text, out Value.Types.Set set)
    {
        var trimmed = text.Trim();
        var ok = trimmed.Length >= 2 && trimmed[0] == '{' && trimmed[^1] == '}';
        set = ok ? ValueSets.Of(trimmed[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : new();
        return ok;
    }

    private static bool TryRanges(string text, out Value.Types.Ranges ranges)
    {
        try
        {
            ranges = ResourceParser.ParseRanges(text, text.Replace(" ", string.Empty, StringComparison.Ordinal));
            return true;
        }
        catch (FormatException)
        {
            ranges = new();
            return false;
        }
    }
}
