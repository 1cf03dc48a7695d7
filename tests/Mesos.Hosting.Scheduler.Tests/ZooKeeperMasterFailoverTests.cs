using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>A framework whose master is a zk:// URL, on a local cluster whose masters contend in a real ZooKeeper.</summary>
public sealed class ZooKeeperMasterFailoverTests
{
    [Fact]
    public async Task When_the_leading_master_fails_over_the_framework_follows_zookeeper_to_the_new_leader()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        var masters = $"zk://{zookeeper.ConnectString}/mesos";
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Masters = 3,
            Agents = 2,
            AgentResources = "cpus:0.5;mem:1024;disk:1000;ports:[31000-31100]",
            StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500),
            ZooKeeper = masters,
        });
        var recorder = new SchedulerRecorder(30, "sleep 0.3");
        using var host = SchedulerHost.Build(cluster, recorder, o => o.Master = masters);

        await host.StartAsync();
        await recorder.WaitAsync(() => recorder.Final.Count >= 5, "five tasks ended");
        var frameworkId = host.Driver().FrameworkId!.Value;
        await cluster.FailOverLeaderAsync(TimeSpan.FromMilliseconds(300));
        await Recovery.AllFinished(cluster, recorder);
        await recorder.WaitAsync(() => recorder.Reregistered >= 1, "reregistered");
        await host.StopAsync();

        Assert.Equal(1, cluster.LeaderIndex);
        Recovery.AssertRecovered(cluster, recorder, host, frameworkId, maxAttempts: 8);

        // ZooKeeper named the new leader: the driver never had to be redirected there by the old one.
        var subscribes = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Subscribe).ToList();
        Assert.DoesNotContain(subscribes, c => c.StatusCode == 307);
        Assert.Equal(200, subscribes[^1].StatusCode);
    }
}
