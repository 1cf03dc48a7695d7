using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.Hosting.TestSupport.ZooKeeper;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>failover</c>: on a real ZooKeeper server, how long a framework is without a master or a leader.
/// Master: a scheduler process finds its master through <c>zk://</c>; the leading master of a local cluster is failed
/// over (its node leaves the group, as when its process dies and its session closes); timed from then to SUBSCRIBED
/// on the new leader. Scheduler: two processes of one highly available framework; the leader is killed with SIGKILL;
/// timed from the kill to the standby's SUBSCRIBED, which cannot come before ZooKeeper expires the dead leader's
/// session. The figures are medians; the subscriptions' times are the local master's.
/// </summary>
internal static class FailoverHarness
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var runs = args.Int("--runs", 5);
        var session = TimeSpan.FromMilliseconds(args.Int("--session-timeout", 4000));
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        var master = await MasterFailoversAsync(zookeeper, runs);
        var scheduler = await SchedulerFailoversAsync(zookeeper, runs, session);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover: master {Median(master):F0} ms, scheduler {Median(scheduler):F0} ms (median of {runs}; scheduler session timeout {session.TotalMilliseconds:F0} ms; master runs {string.Join('/', master.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}, scheduler runs {string.Join('/', scheduler.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))})"));
        return 0;
    }

    private static async Task<List<double>> MasterFailoversAsync(ZooKeeperServer zookeeper, int runs)
    {
        var masters = $"zk://{zookeeper.ConnectString}/mesos-failover";
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Masters = 3, Agents = 0, ZooKeeper = masters });
        await using var framework = SchedulerProcess.Start($"--Mesos:Scheduler:Master={masters}", "--Mesos:Scheduler:Framework:Name=master-failover");
        await cluster.Journal.WaitForAsync(j => j.Subscriptions.Count(s => s.Connected) == 1, Patience, "the framework to subscribe");

        var times = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var subscribed = cluster.Journal.Subscriptions.Count(s => s.Connected);
            var failedOver = DateTimeOffset.UtcNow;
            await cluster.FailOverLeaderAsync();
            await cluster.Journal.WaitForAsync(j => j.Subscriptions.Count(s => s.Connected) > subscribed, Patience, "the framework to subscribe to the new leader");
            times.Add((cluster.Journal.Subscriptions.Last(s => s.Connected).At - failedOver).TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> SchedulerFailoversAsync(ZooKeeperServer zookeeper, int runs, TimeSpan session)
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        string[] settings =
        [
            $"--Mesos:Scheduler:Master={cluster.MasterUri}",
            "--Mesos:Scheduler:Framework:Name=scheduler-failover",
            $"--Mesos:Scheduler:HighAvailability:ZooKeeper=zk://{zookeeper.ConnectString}/scheduler-failover",
            $"--Mesos:Scheduler:HighAvailability:SessionTimeout={session}",
        ];
        var leader = SchedulerProcess.Start(settings);
        var times = new List<double>(runs);
        try
        {
            await leader.WaitForLineAsync("This instance leads the framework now", Patience);
            for (var run = 0; run < runs; run++)
            {
                var standby = SchedulerProcess.Start(settings);
                await standby.WaitForLineAsync("Joined the scheduler election as", Patience);
                var subscribed = cluster.Journal.Subscriptions.Count(s => s.Connected);
                var killed = DateTimeOffset.UtcNow;
                await leader.KillAsync();
                await cluster.Journal.WaitForAsync(j => j.Subscriptions.Count(s => s.Connected) > subscribed, Patience, "the standby to subscribe");
                times.Add((cluster.Journal.Subscriptions.Last(s => s.Connected).At - killed).TotalMilliseconds);
                await leader.DisposeAsync();
                leader = standby;
            }
        }
        finally
        {
            await leader.DisposeAsync();
        }

        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
