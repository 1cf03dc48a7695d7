using System.Text;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Observation;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
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
        var election = new Election(zookeeper, "/frameworks/ha-test");

        // Each with a FrameworkIdFile of its own host, as the template's settings give them: ZooKeeper keeps the ID all the same.
        var firstFile = Path.Combine(cluster.WorkDirectory, "first", "framework-id");
        var secondFile = Path.Combine(cluster.WorkDirectory, "second", "framework-id");
        using var first = await Instance.LeadAsync(cluster, o => (o.HighAvailability.ZooKeeper, o.FrameworkIdFile) = (election.Url, firstFile));
        var frameworkId = first.Host.Driver().FrameworkId!.Value;
        using var second = await Instance.StandByAsync(cluster, election, o => (o.HighAvailability.ZooKeeper, o.FrameworkIdFile) = (election.Url, secondFile));
        var standby = await HealthAsync(second.Host);
        Assert.True(standby.Status == HealthStatus.Healthy, standby.Description);
        Assert.Equal("Standing by: another instance of the framework leads", standby.Description);
        Assert.True(first.Leads);
        Assert.False(second.Leads);
        Assert.Equal(0, second.Seen.Registered);
        using var firstReadings = new LeadershipReadings(first.Host.Services.GetRequiredService<LeadershipMetrics>());
        using var secondReadings = new LeadershipReadings(second.Host.Services.GetRequiredService<LeadershipMetrics>());
        Assert.Equal((1, 0), (firstReadings.Leading(), secondReadings.Leading()));

        await first.Host.StopAsync();

        await second.Seen.WaitAsync(() => second.Seen.Registered == 1, "the standby to take over", TimeSpan.FromSeconds(60));
        Assert.Equal(1, secondReadings.Leading());
        Assert.Equal(1, secondReadings.Sum("mesos.leadership.changes", "won"));
        MetricAssertions.Documented(secondReadings.Exported(), MetricAssertions.OfAnyRun("mesos.leadership."), [frameworkId]);
        Assert.Equal(frameworkId, second.Host.Driver().FrameworkId!.Value);
        Assert.Equal(1, cluster.Journal.SchedulerCalls.Count(c => c.Call.Type == V1.Scheduler.Call.Types.Type.Subscribe && c.Call.FrameworkId is null));
        Assert.False(File.Exists(firstFile) || File.Exists(secondFile), "the ID is kept in ZooKeeper, not in a file of one host");
        await second.Host.StopAsync();
    }

    [Fact]
    public async Task An_instance_that_leads_again_resumes_the_framework_registered_while_it_stood_by()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var election = new Election(zookeeper, "/frameworks/ha-return");
        await using var operatorClient = new ZooKeeperClient(new ZooKeeperClientOptions { Servers = [zookeeper.EndPoint] }, TimeProvider.System, NullLogger<ZooKeeperClient>.Instance);
        using var first = await Instance.LeadAsync(cluster, o => o.HighAvailability.ZooKeeper = election.Url);
        var removed = first.Host.Driver().FrameworkId!.Value;
        using var second = await Instance.StandByAsync(cluster, election, o => o.HighAvailability.ZooKeeper = election.Url);

        // The second instance leads and resumes the framework; Mesos removes it, and the second registers another.
        await election.DemoteLeaderAsync(operatorClient);
        await second.Seen.WaitAsync(() => second.Seen.Registered == 1, "the second instance to lead", TimeSpan.FromSeconds(60));
        Assert.Equal(removed, second.Host.Driver().FrameworkId!.Value);
        await TeardownAsync(cluster, removed);
        await second.Seen.WaitAsync(() => second.Seen.Registered == 2, "the second instance to register a new framework", TimeSpan.FromSeconds(60));
        var replacement = second.Host.Driver().FrameworkId!.Value;
        Assert.NotEqual(removed, replacement);

        // The first leads again: it resumes the replacement from ZooKeeper, and hears of it as a registration.
        await election.DemoteLeaderAsync(operatorClient);
        await first.Seen.WaitAsync(() => first.Seen.Registered == 2, "the first instance to lead again", TimeSpan.FromSeconds(60));
        Assert.Equal(replacement, first.Host.Driver().FrameworkId!.Value);
        Assert.Equal((0, 0), (first.Seen.Reregistered, first.Seen.Errors));
        Assert.Contains(first.Logs.Lines.Snapshot(), l => l.Contains($"The framework ID store holds framework {replacement}, not framework {removed} that this instance drove before", StringComparison.Ordinal));
        var subscribes = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == V1.Scheduler.Call.Types.Type.Subscribe).ToList();
        Assert.Equal(2, subscribes.Count(c => c.Call.FrameworkId is null));
        Assert.Equal(replacement, subscribes[^1].Call.FrameworkId?.Value);
        Assert.Equal(replacement, Encoding.UTF8.GetString((await operatorClient.GetDataAsync($"{election.Path}/framework-id", CancellationToken.None)).Data.Span));
        await first.Host.StopAsync();
        await second.Host.StopAsync();
    }

    [Fact]
    public async Task A_leader_whose_driver_failed_hands_the_lead_to_a_standby_while_its_host_keeps_running()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var election = new Election(zookeeper, "/frameworks/ha-failed");

        // The test hosts keep running after an unrecoverable error (StopApplicationOnError is false for them).
        using var first = await Instance.LeadAsync(cluster, o => (o.HighAvailability.ZooKeeper, o.ResubscribeWhenFrameworkRemoved) = (election.Url, false));
        var removed = first.Host.Driver().FrameworkId!.Value;
        using var second = await Instance.StandByAsync(cluster, election, o => o.HighAvailability.ZooKeeper = election.Url);

        // Removed by an operator, the framework cannot be resumed: the first instance's driver stops for good.
        await TeardownAsync(cluster, removed);

        await first.Seen.WaitAsync(() => first.Seen.Errors == 1, "the first instance's driver to fail");
        await second.Seen.WaitAsync(() => second.Seen.Registered == 1, "the standby to take the lead and register a new framework", TimeSpan.FromSeconds(60));
        Assert.NotEqual(removed, second.Host.Driver().FrameworkId!.Value);
        Assert.Equal(HealthStatus.Unhealthy, (await HealthAsync(first.Host)).Status);
        Assert.False(first.Leads);
        Assert.True(second.Leads);
        await first.Host.StopAsync();
        await second.Host.StopAsync();
    }

    [Fact]
    public async Task A_leader_failed_over_by_a_subscription_from_outside_the_election_subscribes_again_while_it_leads()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var election = new Election(zookeeper, "/frameworks/ha-contested");
        using var leader = await Instance.LeadAsync(cluster, o => o.HighAvailability.ZooKeeper = election.Url);
        var frameworkId = leader.Host.Driver().FrameworkId!;

        // A deployment outside the election subscribes as the same framework, and Mesos fails the leader over to it.
        var store = new InMemoryFrameworkIdStore();
        await store.SaveAsync(frameworkId, CancellationToken.None);
        var intruderSeen = new SchedulerRecorder(0);
        using var intruder = SchedulerHost.Build(cluster, intruderSeen, store: store);
        await intruder.StartAsync();

        await intruderSeen.WaitAsync(() => intruderSeen.Errors == 1, "the intruder to be failed over in its turn");
        await leader.Seen.WaitAsync(() => leader.Seen.Reregistered == 1, "the leader to subscribe again");
        Assert.Equal((0, 1), (leader.Seen.Errors, leader.Seen.Disconnected));
        Assert.True(leader.Leads);
        Assert.Equal(frameworkId, leader.Host.Driver().FrameworkId);
        Assert.Equal("Framework failed over", intruderSeen.LastError);
        await intruder.StopAsync();
        await leader.Host.StopAsync();
    }

    private static async Task<HealthReportEntry> HealthAsync(IHost host)
        => (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["mesos-scheduler"];

    // As an operator removes a framework: Mesos's older endpoint, a form naming it.
    private static async Task TeardownAsync(LocalMesosCluster cluster, string frameworkId)
    {
        using var http = new HttpClient();
        (await http.PostAsync(new Uri(cluster.MasterUri, "master/teardown"), new FormUrlEncodedContent([new("frameworkId", frameworkId)]))).EnsureSuccessStatusCode();
    }

    /// <summary>The election's path in ZooKeeper and the URL the instances are configured with.</summary>
    private sealed record Election(ZooKeeperServer Server, string Path)
    {
        public string Url => $"zk://{Server.ConnectString}{Path}";

        // As an operator may with zkCli: deleting the leader's election node makes it stand down and join again, last in line.
        public async Task DemoteLeaderAsync(ZooKeeperClient client)
        {
            var nodes = (await client.GetChildrenAsync(Path, CancellationToken.None)).Names.Where(n => n.StartsWith("scheduler_", StringComparison.Ordinal));
            await client.DeleteAsync($"{Path}/{nodes.Order(StringComparer.Ordinal).First()}", version: -1, CancellationToken.None);
        }
    }

    /// <summary>One instance of the framework: its host, what its scheduler saw, and its log.</summary>
    private sealed record Instance(IHost Host, SchedulerRecorder Seen, LogSink Logs) : IDisposable
    {
        public bool Leads => Host.Services.GetRequiredService<IMesosLeadership>().IsLeader;

        /// <summary>Starts the first instance and waits until it leads and has registered.</summary>
        public static async Task<Instance> LeadAsync(LocalMesosCluster cluster, Action<MesosSchedulerOptions> configure)
        {
            return await StartAsync(cluster, configure, instance => instance.Seen.WaitAsync(() => instance.Seen.Registered == 1, "the first instance to register"));
        }

        /// <summary>Starts another instance and waits until it has joined the election.</summary>
        public static async Task<Instance> StandByAsync(LocalMesosCluster cluster, Election election, Action<MesosSchedulerOptions> configure)
        {
            return await StartAsync(cluster, configure, instance => instance.Logs.WaitForAsync($"Joined the scheduler election as {election.Path}/scheduler_", TimeSpan.FromSeconds(30)));
        }

        public void Dispose() => Host.Dispose();

        // An instance that never gets there is disposed before the failure goes on, so no host outlives the test.
        private static async Task<Instance> StartAsync(LocalMesosCluster cluster, Action<MesosSchedulerOptions> configure, Func<Instance, Task> started)
        {
            var (seen, logs) = (new SchedulerRecorder(0), new LogSink());
            var instance = new Instance(SchedulerHost.Build(cluster, seen, configure, logs: logs), seen, logs);
            try
            {
                await instance.Host.StartAsync();
                await started(instance);
                return instance;
            }
            catch
            {
                instance.Dispose();
                throw;
            }
        }
    }
}
