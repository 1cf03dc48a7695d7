using Mesos.V1;

namespace Mesos.Hosting.Testing.Resources;

/// <summary>Mesos's time shapes: TaskStatus timestamps in seconds since the epoch, durations in nanoseconds.</summary>
internal static class MesosTime
{
    public static double Timestamp(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000d;

    public static TimeSpan ToTimeSpan(DurationInfo duration) => TimeSpan.FromTicks(duration.Nanoseconds / 100);
}
