using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace MyFramework.Tests;

/// <summary>The framework, as Program.cs builds it, against a Mesos cluster running inside the test.</summary>
public sealed class FrameworkTests : IDisposable
{
    // The framework ID and the workload store of the test's framework: a folder of its own, deleted after it.
    private readonly string _data = Directory.CreateTempSubdirectory("myframework-tests-").FullName;

    [Fact]
    public async Task Every_task_finishes_while_the_service_runs_on_a_local_cluster()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
        await using var app = FrameworkApp.Create([], Settings(cluster, ("Work:Tasks", "6")));

        // The framework stops itself once every task has finished.
        await app.RunAsync().WaitAsync(TimeSpan.FromMinutes(3));

        var finished = cluster.Journal.TaskIds.Where(id => cluster.Journal.TaskStates(id).Contains(TaskState.TaskFinished)).ToList();
        Assert.Equal(6, finished.Count);
        Assert.All(finished, id => Assert.StartsWith($"{TaskNames.Work}.", id, StringComparison.Ordinal));
        Assert.Contains(cluster.Journal.TaskIds, id => id.StartsWith($"{TaskNames.Service}.", StringComparison.Ordinal));
        Assert.Equal(0, System.Environment.ExitCode);
    }

    [Fact]
    public async Task A_restarted_scheduler_resumes_its_framework_from_the_id_its_settings_keep()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1 });

        var first = await RunUntilItDeclinesAsync(cluster, tearDown: false);
        var second = await RunUntilItDeclinesAsync(cluster, tearDown: true);

        Assert.Equal(first, second);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>
    /// Runs the scheduler with tasks bigger than any agent, so that its work waits and it declines what it is
    /// offered, then stops it as a restart would (tearing the framework down too, which forgets its ID, when
    /// asked); returns the framework it ran as.
    /// </summary>
    private async Task<string> RunUntilItDeclinesAsync(LocalMesosCluster cluster, bool tearDown)
    {
        await using var app = FrameworkApp.Create([], Settings(cluster, ("Work:TaskCpus", "1000")));
        var declinesBefore = Declines(cluster.Journal).Count;

        await app.StartAsync();
        await cluster.Journal.WaitForAsync(j => Declines(j).Count > declinesBefore, TimeSpan.FromMinutes(1), "an offer declined");
        if (tearDown)
        {
            await app.Services.GetRequiredService<ISchedulerDriver>().TeardownAsync();
        }

        await app.StopAsync();
        return Declines(cluster.Journal)[^1].Call.FrameworkId.Value;
    }

    private Dictionary<string, string?> Settings(LocalMesosCluster cluster, params (string Key, string Value)[] work)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mesos:Scheduler:Master"] = cluster.MasterUri.ToString(),
            ["Mesos:Scheduler:FrameworkIdFile"] = Path.Combine(_data, "framework-id"),
            ["Mesos:Workloads:StorePath"] = Path.Combine(_data, "workloads.db"),

            // Any free port for the health endpoints: tests may run beside another copy of the framework.
            ["Urls"] = "http://127.0.0.1:0",
#if (executor)

            // The agents start the executor as the solution builds it.
            ["Work:ExecutorCommand"] = ExecutorBuild.Command,
#endif
        };
        foreach (var (key, value) in work)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static List<ObservedSchedulerCall> Declines(ClusterJournal journal)
        => journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Decline).ToList();
}
