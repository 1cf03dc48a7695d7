using Mesos.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>What the hosting layer adds: credentials, the health check, options that never show secrets.</summary>
public sealed class SchedulerHostingTests
{
    [Fact]
    public async Task The_driver_authenticates_with_basic_credentials_and_reports_healthy_once_subscribed()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Agents = 1,
            Credentials = new Dictionary<string, string> { ["pi"] = "s3cret" },
        });
        var recorder = new SchedulerRecorder(3);
        using var host = SchedulerHost.Build(cluster, recorder, o =>
        {
            o.Principal = "pi";
            o.Secret = "s3cret";
        });
        var health = host.Services.GetRequiredService<HealthCheckService>();

        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync()).Status);
        await host.StartAsync();
        await recorder.AllFinished.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var report = await health.CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains(cluster.Journal.SchedulerCalls, c => c.Call.Type == Mesos.V1.Scheduler.Call.Types.Type.Subscribe && c.Call.Subscribe.FrameworkInfo.Principal == "pi");
    }

    [Fact]
    public async Task Wrong_credentials_are_an_unrecoverable_error_not_a_retry_loop()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Agents = 0,
            Credentials = new Dictionary<string, string> { ["pi"] = "s3cret" },
        });
        var recorder = new SchedulerRecorder(0);
        using var host = SchedulerHost.Build(cluster, recorder, o =>
        {
            o.Principal = "pi";
            o.Secret = "wrong";
        });
        var health = host.Services.GetRequiredService<HealthCheckService>();

        await host.StartAsync();
        await recorder.WaitAsync(() => host.Driver().Health.State == SchedulerState.Failed, "the driver to give up", TimeSpan.FromSeconds(30));

        var report = await health.CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(1, recorder.Errors);
        Assert.Contains("401", recorder.LastError, StringComparison.Ordinal);
        Assert.Equal(1, host.Driver().SubscribeAttempts);
    }

    [Fact]
    public void Options_never_print_the_secret()
    {
        var options = new MesosSchedulerOptions { Master = "http://m:5050", Principal = "pi", Secret = "s3cret" };

        Assert.DoesNotContain("s3cret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Secret=***", options.ToString(), StringComparison.Ordinal);
    }
}
