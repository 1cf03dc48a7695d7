using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Processes;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>What the host says about its life: starting, subscribed, each call and event at Debug, stopping, stopped; and refused options.</summary>
public sealed class SchedulerLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_host_logs_starting_subscribed_calls_events_stopping_and_stopped()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1 });
        var logs = new LogSink();
        using var host = SchedulerHost.Build(cluster, new SchedulerRecorder(0), logs: logs);

        await host.StartAsync();
        await logs.WaitForAsync("Debug Mesos.Hosting.Scheduler: Sending DECLINE to the master", Timeout);
        var frameworkId = host.Driver().FrameworkId!.Value;
        await host.StopAsync();

        var lines = logs.Lines.Snapshot();
        var master = cluster.MasterUri.ToString();
        Assert.Contains($"Information Mesos.Hosting.Scheduler: Starting the Mesos scheduler: framework sdk-test, roles *, masters {master}", lines);
        Assert.Contains(lines, l => l.StartsWith($"Information Mesos.Hosting.Scheduler: Subscribed to {master} as framework {frameworkId}", StringComparison.Ordinal));
        Assert.Contains("Debug Mesos.Hosting.Scheduler: Received SUBSCRIBED from the master", lines);
        Assert.Contains("Debug Mesos.Hosting.Scheduler: Received OFFERS from the master", lines);
        var stopping = $"the host is stopping; framework {frameworkId} stays registered with Mesos for its failover timeout of 5 min";
        Assert.Contains($"Information Mesos.Hosting.Scheduler: Stopping the Mesos scheduler: {stopping}", lines);
        Assert.Contains($"Information Mesos.Hosting.Scheduler: The Mesos scheduler stopped: {stopping}", lines);

        // Said on the machines where it is true, such as the VMs CI runs on, and nowhere else.
        var starved = lines.Count(l => l.StartsWith("Warning Mesos.Hosting.Scheduler: This machine lists no CPU caches (/sys/devices/system/cpu/cpu0/cache is missing)", StringComparison.Ordinal));
        Assert.Equal(GarbageCollectorBudget.IsStarved() ? 1 : 0, starved);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_process_with_invalid_options_prints_one_line_per_problem_and_exits_with_code_2(bool singleLine)
    {
        await using var process = SchedulerProcess.Start(
            $"--Logging:Console:FormatterOptions:SingleLine={singleLine}",
            "--Mesos:Scheduler:Master=ftp://jane:topsecret@master:5050",
            "--Mesos:Scheduler:Framework:Name=refused",
            "--Mesos:Scheduler:ReconnectInitialDelay=-00:00:02",
            "--Mesos:Scheduler:Health:SubscribeWithin=00:00:00");

        var exitCode = await process.ExitedAsync(Timeout);

        var lines = process.Lines.Snapshot();
        Assert.Equal(2, exitCode);
        foreach (var problem in new[]
        {
            "Invalid configuration: Mesos:Scheduler:Master: 'ftp://jane:***@master:5050' is not an absolute http or https URL, nor a zk:// URL.",
            "Invalid configuration: Mesos:Scheduler:ReconnectInitialDelay: '-2 s' must be positive.",
            "Invalid configuration: Mesos:Scheduler:Health:SubscribeWithin: '0 ms' must be positive.",
            "The Mesos scheduler did not start: 3 configuration problem(s); the process exits with code 2",
        })
        {
            Assert.Single(lines, l => l.Contains(problem, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(lines, l => l.Contains("topsecret", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
