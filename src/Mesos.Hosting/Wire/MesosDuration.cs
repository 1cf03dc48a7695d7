using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using System.Globalization;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Mesos's text form of a duration (stout's <c>Duration</c>): a non-negative decimal number, fractions
/// allowed, followed at once by one unit of <c>ns</c>, <c>us</c>, <c>ms</c>, <c>secs</c>, <c>mins</c>,
/// <c>hrs</c>, <c>days</c> or <c>weeks</c>. Agents hand executors durations in this form
/// (<c>MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD=5secs</c>).
/// </summary>
public static class MesosDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("weeks", TimeSpan.TicksPerDay * 7d),
        ("days", TimeSpan.TicksPerDay),
        ("hrs", TimeSpan.TicksPerHour),
        ("mins", TimeSpan.TicksPerMinute),
        ("secs", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("ns", TimeSpan.TicksPerMicrosecond / 1000d),
    ];

    /// <summary>Parses <paramref name="text"/>, throwing a <see cref="FormatException"/> that quotes it when it is not a Mesos duration.</summary>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value, out var error)
            ? value
            : throw new FormatException($"'{text}' is not a Mesos duration: {error}. Expected a number followed by ns, us, ms, secs, mins, hrs, days or weeks, such as '5secs' or '1.5mins'.");
    }

    /// <summary>Parses <paramref name="text"/>; false when it is not a Mesos duration.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>
    /// Formats <paramref name="value"/> as Mesos does: in the largest unit it reaches, so 5 s is
    /// <c>5secs</c>, 90 s is <c>1.5mins</c> and 15 min is <c>15mins</c>.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        foreach (var (unit, ticks) in Units)
        {
            if (value.Ticks >= ticks || unit == "ns")
            {
                return (value.Ticks / ticks).ToString("0.#########", CultureInfo.InvariantCulture) + unit;
            }
        }

        throw new UnreachableException();
    }

    private static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "it is empty";
            return false;
        }

        var numberLength = 0;
        while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
        {
            numberLength++;
        }

        if (numberLength == 0 || !double.TryParse(text.AsSpan(0, numberLength), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = "it does not start with a non-negative decimal number";
            return false;
        }

        var unit = text[numberLength..];
        foreach (var (name, ticks) in Units)
        {
            if (unit == name)
            {
                var total = Math.Round(number * ticks);
                if (total > TimeSpan.MaxValue.Ticks)
                {
                    error = "it is longer than a TimeSpan can hold";
                    return false;
                }

                value = TimeSpan.FromTicks((long)total);
                error = string.Empty;
                return true;
            }
        }

        error = unit.Length == 0 ? "it has no unit" : $"'{unit}' is not a unit";
        return false;
    }
}
