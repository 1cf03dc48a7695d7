using Mesos.V1;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Mesos's time shapes: TaskStatus timestamps in seconds since the epoch, durations in nanoseconds.
/// The executor driver stamps its updates with it; the local cluster's master and agents theirs.
/// </summary>
internal static class MesosTime
{
    public static double Timestamp(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000d;

    public static TimeSpan ToTimeSpan(DurationInfo duration) => TimeSpan.FromTicks(duration.Nanoseconds / 100);
}
