using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MyFramework.Tests;

/// <summary>The framework, as Program.cs builds it, against a Mesos cluster running inside the test.</summary>
public sealed class FrameworkTests
{
    [Fact]
    public async Task Every_task_finishes_on_a_local_cluster()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
        var builder = Host.CreateApplicationBuilder(FrameworkSetup.Settings([]));
        builder.Configuration["Mesos:Scheduler:Master"] = cluster.MasterUri.ToString();
        builder.Configuration["Work:Tasks"] = "6";
#if (executor)

        // The agents start the framework's own program as its executor, from its build output.
        var program = Path.Combine(AppContext.BaseDirectory.Replace("MyFramework.Tests", "MyFramework", StringComparison.Ordinal), "MyFramework.dll");
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        builder.Configuration["Work:ExecutorCommand"] = $"\"{dotnet}\" \"{program}\"";
#endif
        builder.Services.AddFramework(builder.Configuration);
        using var host = builder.Build();
        var work = host.Services.GetRequiredService<WorkQueue>();

        // The framework stops itself once every task has finished.
        await host.RunAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(work.Succeeded);
        Assert.Equal(6, cluster.Journal.TaskIds.Count(id => cluster.Journal.TaskStates(id).Contains(TaskState.TaskFinished)));
    }

    [Fact]
    public async Task A_restarted_scheduler_resumes_its_framework_from_the_id_its_settings_keep()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1 });

        var first = await RunUntilItDeclinesAsync(cluster, tearDown: false);
        var second = await RunUntilItDeclinesAsync(cluster, tearDown: true);

        Assert.Equal(first, second);
    }

    /// <summary>
    /// Runs the scheduler with tasks bigger than any agent, so that it keeps its work in hand and declines
    /// what it is offered, then stops it as a restart would (tearing the framework down too, which forgets
    /// its ID, when asked); returns the framework it ran as.
    /// </summary>
    private static async Task<string> RunUntilItDeclinesAsync(LocalMesosCluster cluster, bool tearDown)
    {
        var builder = Host.CreateApplicationBuilder(FrameworkSetup.Settings([]));
        builder.Configuration["Mesos:Scheduler:Master"] = cluster.MasterUri.ToString();
        builder.Configuration["Work:TaskCpus"] = "1000";
        builder.Services.AddFramework(builder.Configuration);
        using var host = builder.Build();
        var declinesBefore = Declines(cluster.Journal).Count;

        await host.StartAsync();
        await cluster.Journal.WaitForAsync(j => Declines(j).Count > declinesBefore, TimeSpan.FromMinutes(1), "an offer declined");
        if (tearDown)
        {
            await host.Services.GetRequiredService<ISchedulerDriver>().TeardownAsync();
        }

        await host.StopAsync();
        return Declines(cluster.Journal)[^1].Call.FrameworkId.Value;
    }

    private static List<ObservedSchedulerCall> Declines(ClusterJournal journal)
        => journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Decline).ToList();
}
