using System.Globalization;

namespace Mesos.Hosting.Benchmarks;

/// <summary>The <c>--name value</c> options of the end-to-end harnesses.</summary>
internal sealed class HarnessArguments(Dictionary<string, string> values)
{
    public static HarnessArguments Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            values[list[i]] = list[i + 1];
        }

        return new HarnessArguments(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string name) => values.GetValueOrDefault(name);
}
