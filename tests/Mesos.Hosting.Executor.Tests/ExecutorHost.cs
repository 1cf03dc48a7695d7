using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>A scheduler host for the scenario, against a local cluster whose agents start the test executor.</summary>
internal static class ExecutorHost
{
    public static IHost Scheduler(LocalMesosCluster cluster, ExecutorScenario scenario, bool checkpoint = false)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(scenario);
        builder.Services.AddMesosScheduler<ScenarioScheduler>(options =>
        {
            options.Master = cluster.MasterUri.ToString();
            options.Framework.Name = "executor-test";
            options.Framework.Checkpoint = checkpoint;
            options.StopApplicationOnError = false;
        });
        return builder.Build();
    }

    public static ISchedulerDriver Driver(this IHost host) => host.Services.GetRequiredService<ISchedulerDriver>();

    /// <summary>The test executor's process ID, as its first framework message for <paramref name="taskId"/> said.</summary>
    public static int ExecutorPid(this ExecutorScenario scenario, string taskId)
        => int.Parse(scenario.Messages.First(m => m.StartsWith(taskId + " pid ", StringComparison.Ordinal))[(taskId.Length + 5)..], System.Globalization.CultureInfo.InvariantCulture);
}
