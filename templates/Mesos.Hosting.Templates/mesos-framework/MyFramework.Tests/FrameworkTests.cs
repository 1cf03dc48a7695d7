using Mesos.Hosting.Testing;
using Mesos.V1;
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
}
