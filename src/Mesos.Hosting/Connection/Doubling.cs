namespace Mesos.Hosting.Connection;

/// <summary>The plain exponential backoff of a retry loop that owns its waits: each twice the last, up to a ceiling.</summary>
internal static class Doubling
{
    public static TimeSpan Next(TimeSpan delay, TimeSpan max) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));
}
