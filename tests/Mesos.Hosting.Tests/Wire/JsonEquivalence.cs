using System.Text.Json;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>
/// Compares JSON documents as protobuf values: key order, number spelling (15 vs 15.0) and empty
/// arrays (an empty repeated field is the same as an absent one) aside.
/// </summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        var difference = Compare(left.RootElement, right.RootElement, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }

    private static List<string> Present(JsonElement element)
        => element.EnumerateObject().Where(p => p.Value is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() > 0).Select(p => p.Name).Order().ToList();

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected}, got {actual.ValueKind} {actual}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = Present(expected);
                var actualNames = Present(actual);
                if (!names.SequenceEqual(actualNames))
                {
                    return $"{path}: expected keys [{string.Join(",", names)}], got [{string.Join(",", actualNames)}]";
                }

                return names.Select(n => Compare(expected.GetProperty(n), actual.GetProperty(n), $"{path}.{n}")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} elements, got {actual.GetArrayLength()}";
                }

                return expected.EnumerateArray().Zip(actual.EnumerateArray())
                    .Select((pair, i) => Compare(pair.First, pair.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal() ? null : $"{path}: expected {expected}, got {actual}";
            default:
                return expected.ToString() == actual.ToString() ? null : $"{path}: expected {expected}, got {actual}";
        }
    }
}
