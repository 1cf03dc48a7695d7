using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Hosting;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>A Generic Host running the recording scheduler against a local cluster, as a user's Program.cs would.</summary>
internal static class SchedulerHost
{
    public static IHost Build(LocalMesosCluster cluster, SchedulerRecorder recorder, Action<MesosSchedulerOptions>? configure = null, IFrameworkIdStore? store = null, LogSink? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        builder.Services.AddSingleton(recorder);
        if (store is not null)
        {
            builder.Services.AddSingleton(store);
        }

        builder.Services.AddMesosScheduler<RecordingScheduler>(options =>
        {
            LocalClusterSchedulerOptions.Apply(options, cluster, "sdk-test");
            configure?.Invoke(options);
        });
        return builder.Build();
    }

    public static SchedulerDriver Driver(this IHost host) => host.Services.GetRequiredService<SchedulerDriver>();

    /// <summary>Every ACKNOWLEDGE the master accepted came after the callback for that update returned.</summary>
    public static void AssertNoAcknowledgementBeforeItsHandler(LocalMesosCluster cluster, SchedulerRecorder recorder)
    {
        var acks = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Acknowledge && c.StatusCode == 202).ToList();
        Assert.NotEmpty(acks);
        foreach (var ack in acks)
        {
            var key = SchedulerRecorder.Key(ack.Call.Acknowledge.Uuid);
            Assert.True(recorder.Handled.TryGetValue(key, out var handled), $"update {key} of {ack.Call.Acknowledge.TaskId.Value} was acknowledged but never handled");
            Assert.True(handled <= ack.At, $"update {key} was acknowledged at {ack.At:O}, before its callback returned at {handled:O}");
        }
    }
}
