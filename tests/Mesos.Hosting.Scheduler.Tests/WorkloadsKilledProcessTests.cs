using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.Hosting.TestSupport.ZooKeeper;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>
/// The workloads' promise under the hardest stop there is: a 500-task run whose scheduler process is killed with
/// SIGKILL at random points (a seeded Random picks after how many further launches) and started again, alone on
/// its SQLite store or as a standby taking over on the ZooKeeper store. The master's journal then shows every task
/// run to the end exactly once.
/// </summary>
public sealed class WorkloadsKilledProcessTests
{
    private const int Tasks = 500;
    private const int Kills = 5;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private static readonly IReadOnlyList<string> Workloads = Enumerable.Range(0, Tasks).Select(i => $"task-{i:D4}").ToList();

    [Fact]
    public async Task A_run_killed_five_times_and_restarted_on_its_sqlite_store_finishes_every_task_once()
    {
        await using var cluster = await StartClusterAsync();
        var settings = Settings(cluster, "workloads-killed",
        [
            $"--Mesos:Scheduler:FrameworkIdFile={Path.Combine(cluster.WorkDirectory, "scheduler", "framework-id")}",
            $"--Mesos:Workloads:StorePath={Path.Combine(cluster.WorkDirectory, "scheduler", "workloads.db")}",
        ]);
        var random = new Random(1405);
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var process = SchedulerProcess.Start(settings);
            await KillAfterMoreLaunchesAsync(cluster, process, random);
        }

        await using var last = SchedulerProcess.Start(settings);
        await last.WaitForLineAsync($"All {Tasks} workloads ended, {Tasks} succeeded", Generous);
        await last.TerminateAsync(Generous);

        Assert.Equal(0, last.ExitCode);
        ExactlyOnce.Assert(cluster.Journal, Workloads);
    }

    [Fact]
    public async Task A_run_whose_leader_is_killed_finishes_every_task_once_under_its_standbys_on_the_zookeeper_store()
    {
        await using var zookeeper = await ZooKeeperServer.StartAsync();
        await using var cluster = await StartClusterAsync();
        var settings = Settings(cluster, "workloads-ha",
        [
            $"--Mesos:Scheduler:HighAvailability:ZooKeeper=zk://{zookeeper.ConnectString}/frameworks/workloads-ha",
            "--Mesos:Scheduler:HighAvailability:SessionTimeout=00:00:02",
        ]);
        var random = new Random(1406);
        var processes = new List<SchedulerProcess> { SchedulerProcess.Start(settings) };
        try
        {
            var leader = processes[0];
            await leader.WaitForLineAsync("This instance leads the framework now", Generous);
            for (var kill = 0; kill < 2; kill++)
            {
                var standby = SchedulerProcess.Start(settings);
                processes.Add(standby);
                await standby.WaitForLineAsync("Joined the scheduler election as", Generous);
                await KillAfterMoreLaunchesAsync(cluster, leader, random);
                await standby.WaitForLineAsync("This instance leads the framework now", Generous);
                leader = standby;
            }

            await leader.WaitForLineAsync($"All {Tasks} workloads ended, {Tasks} succeeded", Generous);
            await leader.TerminateAsync(Generous);
            Assert.Equal(0, leader.ExitCode);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        ExactlyOnce.Assert(cluster.Journal, Workloads);
    }

    // Enough agents that launches are never short of room, short tasks, quick allocation and update retries: a
    // 500-task run takes seconds, and the kills fall while tasks are being launched, run and acknowledged.
    private static Task<LocalMesosCluster> StartClusterAsync() => LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
    {
        Agents = 3,
        AgentResources = "cpus:8;mem:4096;disk:1000;ports:[31000-31100]",
        AllocationInterval = TimeSpan.FromMilliseconds(200),
        StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500),
    });

    private static string[] Settings(LocalMesosCluster cluster, string framework, string[] store) =>
    [
        $"--Mesos:Scheduler:Master={cluster.MasterUri}",
        $"--Mesos:Scheduler:Framework:Name={framework}",
        "--Mesos:Scheduler:ReconnectInitialDelay=00:00:00.100",
        "--Mesos:Scheduler:ReconnectMaxDelay=00:00:01",
        $"--Workloads:Tasks={Tasks}",
        "--Workloads:Command=sleep 0.1",
        .. store,
    ];

    // Kills the process once the master took 20 to 80 more launches than before (of 500, so five kills fall mid-run).
    private static async Task KillAfterMoreLaunchesAsync(LocalMesosCluster cluster, SchedulerProcess process, Random random)
    {
        var target = ExactlyOnce.Launched(cluster.Journal) + random.Next(20, 81);
        await cluster.Journal.WaitForAsync(j => ExactlyOnce.Launched(j) >= target, Generous, $"{target} tasks launched");
        await process.KillAsync();
    }
}
