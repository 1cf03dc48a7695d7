using System.Text;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

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

    [Fact]
    public async Task An_instance_that_leads_again_resumes_the_framework_registered_while_it_stood_by()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        const string path = "/frameworks/ha-return";
        var ha = $"zk://{zookeeper.ConnectString}{path}";
        await using var operatorClient = new ZooKeeperClient(new ZooKeeperClientOptions { Servers = [zookeeper.EndPoint] }, TimeProvider.System, NullLogger<ZooKeeperClient>.Instance);
        var firstSeen = new SchedulerRecorder(0);
        var secondSeen = new SchedulerRecorder(0);
        var firstLogs = new LogSink();
        using var first = SchedulerHost.Build(cluster, firstSeen, o => o.HighAvailability.ZooKeeper = ha, logs: firstLogs);
        await first.StartAsync();
        await firstSeen.WaitAsync(() => firstSeen.Registered == 1, "the first instance to register");
        var removed = first.Driver().FrameworkId!.Value;
        var secondLogs = new LogSink();
        using var second = SchedulerHost.Build(cluster, secondSeen, o => o.HighAvailability.ZooKeeper = ha, logs: secondLogs);
        await second.StartAsync();
        await secondLogs.WaitForAsync($"Joined the scheduler election as {path}/scheduler_", TimeSpan.FromSeconds(30));

        // The second instance leads and resumes the framework; Mesos removes it, and the second registers another.
        await DemoteLeaderAsync(operatorClient, path);
        await secondSeen.WaitAsync(() => secondSeen.Registered == 1, "the second instance to lead", TimeSpan.FromSeconds(60));
        Assert.Equal(removed, second.Driver().FrameworkId!.Value);
        using (var http = new HttpClient())
        {
            (await http.PostAsync(new Uri(cluster.MasterUri, "master/teardown"), new FormUrlEncodedContent([new("frameworkId", removed)]))).EnsureSuccessStatusCode();
        }

        await secondSeen.WaitAsync(() => secondSeen.Registered == 2, "the second instance to register a new framework", TimeSpan.FromSeconds(60));
        var replacement = second.Driver().FrameworkId!.Value;
        Assert.NotEqual(removed, replacement);

        // The first leads again: it resumes the replacement from ZooKeeper, and hears of it as a registration.
        await DemoteLeaderAsync(operatorClient, path);
        await firstSeen.WaitAsync(() => firstSeen.Registered == 2, "the first instance to lead again", TimeSpan.FromSeconds(60));
        Assert.Equal(replacement, first.Driver().FrameworkId!.Value);
        Assert.Equal(0, firstSeen.Reregistered);
        Assert.Contains(firstLogs.Lines.Snapshot(), l => l.Contains($"The framework ID store holds framework {replacement}, not framework {removed} that this instance drove before", StringComparison.Ordinal));
        var subscribes = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == V1.Scheduler.Call.Types.Type.Subscribe).ToList();
        Assert.Equal(2, subscribes.Count(c => c.Call.FrameworkId is null));
        Assert.Equal(replacement, subscribes[^1].Call.FrameworkId?.Value);
        Assert.Equal(replacement, Encoding.UTF8.GetString((await operatorClient.GetDataAsync($"{path}/framework-id", CancellationToken.None)).Data.Span));
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public async Task A_leader_whose_driver_failed_hands_the_lead_to_a_standby_while_its_host_keeps_running()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var ha = $"zk://{zookeeper.ConnectString}/frameworks/ha-failed";
        var firstSeen = new SchedulerRecorder(0);
        var secondSeen = new SchedulerRecorder(0);

        // The test hosts keep running after an unrecoverable error (StopApplicationOnError is false for them).
        using var first = SchedulerHost.Build(cluster, firstSeen, o => (o.HighAvailability.ZooKeeper, o.ResubscribeWhenFrameworkRemoved) = (ha, false));
        await first.StartAsync();
        await firstSeen.WaitAsync(() => firstSeen.Registered == 1, "the first instance to register");
        var removed = first.Driver().FrameworkId!.Value;
        var secondLogs = new LogSink();
        using var second = SchedulerHost.Build(cluster, secondSeen, o => o.HighAvailability.ZooKeeper = ha, logs: secondLogs);
        await second.StartAsync();
        await secondLogs.WaitForAsync("Joined the scheduler election as /frameworks/ha-failed/scheduler_", TimeSpan.FromSeconds(30));

        // Removed by an operator, the framework cannot be resumed: the first instance's driver stops for good.
        using (var http = new HttpClient())
        {
            (await http.PostAsync(new Uri(cluster.MasterUri, "master/teardown"), new FormUrlEncodedContent([new("frameworkId", removed)]))).EnsureSuccessStatusCode();
        }

        await firstSeen.WaitAsync(() => firstSeen.Errors == 1, "the first instance's driver to fail");
        await secondSeen.WaitAsync(() => secondSeen.Registered == 1, "the standby to take the lead and register a new framework", TimeSpan.FromSeconds(60));
        Assert.NotEqual(removed, second.Driver().FrameworkId!.Value);
        Assert.Equal(HealthStatus.Unhealthy, (await HealthAsync(first)).Status);
        Assert.False(first.Services.GetRequiredService<IMesosLeadership>().IsLeader);
        Assert.True(second.Services.GetRequiredService<IMesosLeadership>().IsLeader);
        await first.StopAsync();
        await second.StopAsync();
    }

    // As an operator may with zkCli: deleting the leader's election node makes it stand down and join again, last in line.
    private static async Task DemoteLeaderAsync(ZooKeeperClient client, string path)
    {
        var nodes = (await client.GetChildrenAsync(path, CancellationToken.None)).Names.Where(n => n.StartsWith("scheduler_", StringComparison.Ordinal));
        await client.DeleteAsync($"{path}/{nodes.Order(StringComparer.Ordinal).First()}", version: -1, CancellationToken.None);
    }

    private static async Task<HealthReportEntry> HealthAsync(Microsoft.Extensions.Hosting.IHost host)
        => (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["mesos-scheduler"];
}
