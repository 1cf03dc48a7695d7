namespace Mesos.Hosting.Testing.Tests;

/// <summary>A framework's durations as a timer's delays: whatever the framework chose, the timer takes it.</summary>
public sealed class TimerRangeTests
{
    [Fact]
    public void Less_than_none_is_none()
        => Assert.Equal(TimeSpan.Zero, TimerRange.Clamp(TimeSpan.FromSeconds(-1)));

    [Fact]
    public void What_a_timer_can_count_is_kept()
        => Assert.Equal(TimeSpan.FromDays(49), TimerRange.Clamp(TimeSpan.FromDays(49)));

    [Fact]
    public void Beyond_what_a_timer_can_count_there_is_no_deadline()
    {
        var delay = TimerRange.Clamp(TimeSpan.FromDays(50));

        Assert.Equal(Timeout.InfiniteTimeSpan, delay);
        using var timer = TimeProvider.System.CreateTimer(_ => { }, null, delay, Timeout.InfiniteTimeSpan);
    }
}
