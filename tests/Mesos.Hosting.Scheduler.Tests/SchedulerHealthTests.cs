using Mesos.Hosting.GenericHost;
using Mesos.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>The mesos-scheduler health check through each state the driver passes, on a clock the test drives.</summary>
public sealed class SchedulerHealthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SchedulerStatus _status;
    private readonly MesosSchedulerHealthCheck _check;

    public SchedulerHealthTests()
    {
        _status = new SchedulerStatus(_time);
        var options = new MesosSchedulerOptions { Master = "http://master:5050" };
        options.Framework.Name = "health";
        options.Health.SubscribeWithin = TimeSpan.FromSeconds(30);
        _check = new MesosSchedulerHealthCheck(_status, _time, new MesosSchedulerOptionsHolder(Options.Create(options)));
    }

    [Fact]
    public async Task A_scheduler_that_never_subscribes_is_degraded_then_unhealthy_after_SubscribeWithin()
    {
        _status.Set(SchedulerState.Connecting);
        _status.SubscriptionFailed("connection refused");
        _time.Advance(TimeSpan.FromSeconds(29));
        var early = await CheckAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        _status.Set(SchedulerState.Connecting);
        var late = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, early.Status);
        Assert.Equal("Subscribing to the Mesos master for 29 s (0 attempts; last: connection refused)", early.Description);
        Assert.Equal(HealthStatus.Unhealthy, late.Status);
        Assert.Equal("Not subscribed within 30 s of starting (0 attempts; last: connection refused)", late.Description);
    }

    [Fact]
    public async Task Subscribed_with_fresh_heartbeats_is_healthy_late_heartbeats_degraded()
    {
        _status.Set(SchedulerState.Connecting);
        Subscribe();

        var fresh = await CheckAsync();
        _time.Advance(TimeSpan.FromSeconds(76));
        var late = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal("Subscribed as framework fw-1", fresh.Description);
        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Equal("Subscribed, but heartbeats are late", late.Description);
    }

    [Fact]
    public async Task Reconnecting_after_a_subscription_stays_degraded_however_long_it_takes()
    {
        _status.Set(SchedulerState.Connecting);
        Subscribe();
        _status.LastProblem = "the master closed the stream";
        _status.Set(SchedulerState.Connecting);
        _time.Advance(TimeSpan.FromMinutes(10));

        var reconnecting = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, reconnecting.Status);
        Assert.Equal("Reconnecting to the Mesos master; last: the master closed the stream", reconnecting.Description);
    }

    [Fact]
    public async Task A_standby_is_healthy_and_its_clock_starts_when_it_takes_the_lead()
    {
        _status.Set(SchedulerState.Standby);
        _time.Advance(TimeSpan.FromMinutes(5));
        var standby = await CheckAsync();
        _status.Set(SchedulerState.Connecting);
        _time.Advance(TimeSpan.FromSeconds(10));
        var leading = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, standby.Status);
        Assert.Equal("Standing by: another instance of the framework leads", standby.Description);
        Assert.Equal("Standby", standby.Data["state"]);
        Assert.Equal(HealthStatus.Degraded, leading.Status);
    }

    [Fact]
    public async Task A_fatal_error_or_a_stop_is_unhealthy()
    {
        _status.Set(SchedulerState.Failed, "Framework has been removed");
        var failed = await CheckAsync();
        _status.Set(SchedulerState.Stopped);
        var stopped = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Equal("Unrecoverable Mesos error: Framework has been removed", failed.Description);
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
    }

    // A live session whose last event was read now, with the master's default heartbeat of 15 s.
    private void Subscribe()
    {
        _status.FrameworkId = new FrameworkID { Value = "fw-1" };
        _status.Set(SchedulerState.Subscribed, session: new SchedulerSession(TimeSpan.FromSeconds(15), _time, CancellationToken.None));
    }

    private Task<HealthCheckResult> CheckAsync() => _check.CheckHealthAsync(new HealthCheckContext());
}
