using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>Two instances of one framework, as a user deploys them, electing their leader on a real ZooKeeper server.</summary>
public sealed class HighAvailabilityTests
{
    [Fact]
    public async Task Only_the_leader_subscribes_and_the_standby_resumes_the_same_framework_when_it_goes()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var ha = $"zk://{zookeeper.ConnectString}/frameworks/ha-test";

        // Each with a FrameworkIdFile of its own host, as the template's settings give them: ZooKeeper keeps the ID all the same.
        var firstFile = Path.Combine(cluster.WorkDirectory, "first", "framework-id");
        var secondFile = Path.Combine(cluster.WorkDirectory, "second", "framework-id");
        var firstSeen = new SchedulerRecorder(0);
        var secondSeen = new SchedulerRecorder(0);
        using var first = SchedulerHost.Build(cluster, firstSeen, o => (o.HighAvailability.ZooKeeper, o.FrameworkIdFile) = (ha, firstFile));
        await first.StartAsync();
        await firstSeen.WaitAsync(() => firstSeen.Registered == 1, "the first instance to subscribe");
        var frameworkId = first.Driver().FrameworkId!.Value;

        var secondLogs = new LogSink();
        using var second = SchedulerHost.Build(cluster, secondSeen, o => (o.HighAvailability.ZooKeeper, o.FrameworkIdFile) = (ha, secondFile), logs: secondLogs);
        await second.StartAsync();
        await secondLogs.WaitForAsync("Joined the scheduler election as /frameworks/ha-test/scheduler_", TimeSpan.FromSeconds(30));
        var standby = await HealthAsync(second);
        Assert.True(standby.Status == HealthStatus.Healthy, standby.Description);
        Assert.Equal("Standing by: another instance of the framework leads", standby.Description);
        Assert.True(first.Services.GetRequiredService<IMesosLeadership>().IsLeader);
        Assert.False(second.Services.GetRequiredService<IMesosLeadership>().IsLeader);
        Assert.Equal(0, secondSeen.Registered);

        await first.StopAsync();

        await secondSeen.WaitAsync(() => secondSeen.Registered == 1, "the standby to take over", TimeSpan.FromSeconds(60));
        Assert.Equal(frameworkId, second.Driver().FrameworkId!.Value);
        Assert.Equal(1, cluster.Journal.SchedulerCalls.Count(c => c.Call.Type == V1.Scheduler.Call.Types.Type.Subscribe && c.Call.FrameworkId is null));
        Assert.False(File.Exists(firstFile) || File.Exists(secondFile), "the ID is kept in ZooKeeper, not in a file of one host");
        await second.StopAsync();
    }

    private static async Task<HealthReportEntry> HealthAsync(Microsoft.Extensions.Hosting.IHost host)
        => (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["mesos-scheduler"];
}
