using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>A scheduler process killed with SIGKILL and started again, as a supervisor restarts it: nothing is orphaned.</summary>
public sealed class RestartAfterKillTests
{
    private const int Tasks = 20;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_killed_scheduler_started_again_resumes_its_framework_and_its_tasks()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Agents = 2,
            AgentResources = "cpus:0.5;mem:1024;disk:1000;ports:[31000-31100]",
            StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500),
        });
        string[] settings =
        [
            $"--Mesos:Scheduler:Master={cluster.MasterUri}",
            "--Mesos:Scheduler:Framework:Name=restart-after-kill",
            $"--Mesos:Scheduler:FrameworkIdFile={Path.Combine(cluster.WorkDirectory, "scheduler", "framework-id")}",
            "--Mesos:Scheduler:ReconnectInitialDelay=00:00:00.100",
            $"--Work:Tasks={Tasks}",
            "--Work:Command=sleep 0.5",
            $"--Work:Ledger={Path.Combine(cluster.WorkDirectory, "ledger")}",
        ];

        await using (var first = SchedulerProcess.Start(settings))
        {
            await cluster.Journal.WaitForAsync(j => Recovery.Finished(j) >= 5, Generous, "five tasks finished before the kill");
            await first.KillAsync();
        }

        await using var second = SchedulerProcess.Start(settings);
        await cluster.Journal.WaitForAsync(j => Recovery.Finished(j) == Tasks, Generous, "every task finished after the restart");
        await second.TerminateAsync(Generous);

        var subscribes = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Subscribe && c.StatusCode == 200).ToList();
        Assert.Equal(2, subscribes.Count);
        Assert.Null(subscribes[0].Call.FrameworkId);
        var framework = Assert.Single(cluster.Journal.Subscriptions.Select(s => s.FrameworkId).Distinct());
        Assert.Equal(framework, subscribes[1].Call.FrameworkId?.Value);
        Assert.All(Recovery.Launches(cluster.Journal), l => Assert.True(l.Value == 1, $"{l.Key} was launched {l.Value} times"));
    }
}
