using System.Globalization;

namespace Mesos.Hosting.Diagnostics;

/// <summary>Durations as people read them in logs and messages: <c>250 ms</c>, <c>1.5 s</c>, <c>2 min 5 s</c>, <c>3 h 10 min</c>.</summary>
internal static class HumanDuration
{
    /// <summary>Formats <paramref name="value"/> in the largest units that keep it readable.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Duration());
        }

        return value switch
        {
            { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.#} ms"),
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#} s"),
            { TotalHours: < 1 } => Pair(value.Minutes, "min", value.Seconds, "s"),
            { TotalDays: < 1 } => Pair(value.Hours, "h", value.Minutes, "min"),
            _ => Pair((int)value.TotalDays, "d", value.Hours, "h"),
        };
    }

    private static string Pair(int major, string majorUnit, int minor, string minorUnit)
        => minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit} {minor} {minorUnit}");
}
