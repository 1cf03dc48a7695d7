using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>
/// Two processes of one framework, as Marathon runs them, electing their leader on a real ZooKeeper; the leader is
/// killed with SIGKILL in the middle of its run.
/// </summary>
public sealed class HighAvailabilityProcessTests
{
    private const int Tasks = 40;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_killed_leaders_standby_takes_over_the_same_framework_and_every_task_finishes_once()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Agents = 2,
            AgentResources = "cpus:0.5;mem:1024;disk:1000;ports:[31000-31100]",
            StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500),
        });
        var ledger = Path.Combine(cluster.WorkDirectory, "ledger");
        string[] settings =
        [
            $"--Mesos:Scheduler:Master={cluster.MasterUri}",
            "--Mesos:Scheduler:Framework:Name=ha-processes",
            $"--Mesos:Scheduler:HighAvailability:ZooKeeper=zk://{zookeeper.ConnectString}/frameworks/ha-processes",
            "--Mesos:Scheduler:HighAvailability:SessionTimeout=00:00:02",
            "--Mesos:Scheduler:ReconnectInitialDelay=00:00:00.100",
            "--Mesos:Scheduler:ReconnectMaxDelay=00:00:01",
            $"--Work:Tasks={Tasks}",
            "--Work:Command=sleep 0.5",
            $"--Work:Ledger={ledger}",
        ];
        await using var election = new ElectionWatch(zookeeper.EndPoint, "/frameworks/ha-processes");

        await using var leader = SchedulerProcess.Start(settings);
        await leader.WaitForLineAsync("This instance leads the framework now", Generous);
        await using var standby = SchedulerProcess.Start(settings);
        await standby.WaitForLineAsync("Joined the scheduler election as", Generous);
        await cluster.Journal.WaitForAsync(j => Recovery.Finished(j) >= 8, Generous, "eight tasks finished under the first leader");
        await leader.KillAsync();
        await standby.WaitForLineAsync("This instance leads the framework now", Generous);

        // Its subscription is awaited, not only asserted at the end: on a loaded machine the leader may have finished
        // the work before the kill reached it, and the standby would then be stopped before it had subscribed.
        await cluster.Journal.WaitForAsync(j => j.Subscriptions.Count(s => s.Connected) >= 2, Generous, "the standby to subscribe after the leader died");
        await cluster.Journal.WaitForAsync(j => Recovery.Finished(j) == Tasks && Directory.GetFiles(Path.Combine(ledger, "ended")).Length == Tasks, Generous, "every task finished and recorded");
        await standby.TerminateAsync(Generous);

        Assert.Equal(0, standby.ExitCode);
        Assert.All(Directory.GetFiles(Path.Combine(ledger, "ended")), f => Assert.Equal(nameof(TaskState.TaskFinished), File.ReadAllText(f)));
        var launches = Recovery.Launches(cluster.Journal);
        Assert.Equal(Tasks, launches.Count);
        Assert.All(launches, l => Assert.True(l.Value == 1, $"{l.Key} was launched {l.Value} times"));

        // One framework throughout, never two subscriptions open at once (the master's view)...
        var subscriptions = cluster.Journal.Subscriptions;
        Assert.Single(subscriptions.Select(s => s.FrameworkId).Distinct());
        var open = 0;
        foreach (var subscription in subscriptions)
        {
            open += subscription.Connected ? 1 : -1;
            Assert.InRange(open, 0, 1);
        }

        // ...and one leader at a time, the killed one first (ZooKeeper's view).
        Assert.Equal([leader.Id, standby.Id], election.LeaderProcesses());
    }
}
