namespace Mesos.Hosting.Testing;

/// <summary>
/// A duration a framework chose (a kill's grace, an executor's shutdown grace, a failover timeout) as a timer's delay.
/// Mesos counts such durations in nanoseconds, to hundreds of years; .NET's timers count to about 49.7 days, and throw
/// past that. Less than none is none, as Mesos's executors take a negative grace; more than a timer can count never
/// runs out in a local cluster's life, so the timer gets no deadline at all.
/// </summary>
internal static class TimerRange
{
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static TimeSpan Clamp(TimeSpan requested)
        => requested < TimeSpan.Zero ? TimeSpan.Zero : requested > Longest ? Timeout.InfiniteTimeSpan : requested;
}
