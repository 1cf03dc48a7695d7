using System.Globalization;

namespace Mesos.Hosting.Testing.Master;

/// <summary>A duration written as stout's <c>Duration</c> prints it in Mesos's flags: the largest unit that keeps the value at least 1 (<c>15secs</c>, <c>500ms</c>).</summary>
internal static class DurationText
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("weeks", TimeSpan.FromDays(7)),
        ("days", TimeSpan.FromDays(1)),
        ("hrs", TimeSpan.FromHours(1)),
        ("mins", TimeSpan.FromMinutes(1)),
        ("secs", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
        ("us", TimeSpan.FromMicroseconds(1)),
    ];

    public static string Format(TimeSpan duration)
    {
        foreach (var (unit, size) in Units)
        {
            if (duration >= size)
            {
                return (duration / size).ToString("G6", CultureInfo.InvariantCulture) + unit;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks * 100}ns");
    }
}
