using Mesos.V1;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Mesos's time shapes: TaskStatus timestamps in seconds since the epoch, durations in nanoseconds.
/// The executor driver stamps its updates with it; the local cluster's master and agents theirs.
/// </summary>
public static class MesosTime
{
    /// <summary>A <c>TaskStatus.timestamp</c>: seconds since the Unix epoch, with milliseconds.</summary>
    public static double Timestamp(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000d;

    /// <summary>The time a <c>TaskStatus.timestamp</c> stands for.</summary>
    public static DateTimeOffset FromTimestamp(double timestamp) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(timestamp * 1000));

    /// <summary>A Mesos <c>DurationInfo</c> (nanoseconds) as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan ToTimeSpan(DurationInfo duration)
    {
        ArgumentNullException.ThrowIfNull(duration);
        return TimeSpan.FromTicks(duration.Nanoseconds / 100);
    }
}
