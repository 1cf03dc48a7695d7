using Mesos.Hosting.Testing;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>Restarts lose nothing and never get stuck: a stored ID the master removed is replaced, TEARDOWN forgets the ID.</summary>
public sealed class RestartSafetyTests
{
    [Fact]
    public async Task A_framework_torn_down_starts_again_as_a_new_framework_with_a_line_saying_so()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var idFile = Path.Combine(cluster.WorkDirectory, "scheduler", "framework-id");
        var recorder = new SchedulerRecorder(0);
        string removed;
        using (var first = SchedulerHost.Build(cluster, recorder, o => o.FrameworkIdFile = idFile))
        {
            await first.StartAsync();
            await recorder.WaitAsync(() => first.Driver().IsSubscribed, "subscribed");
            removed = first.Driver().FrameworkId!.Value;
            await first.Driver().TeardownAsync();
            Assert.False(File.Exists(idFile), "TEARDOWN forgets the stored ID");
            await first.StopAsync();
        }

        // As a file left by a process that died before it could forget the torn-down framework.
        await File.WriteAllTextAsync(idFile, removed);
        var logs = new LogSink();
        using var second = SchedulerHost.Build(cluster, recorder, o => o.FrameworkIdFile = idFile, logs: logs);
        await second.StartAsync();
        await recorder.WaitAsync(() => recorder.Registered == 2, "registered again");
        await second.StopAsync();

        var renewed = second.Driver().FrameworkId!.Value;
        Assert.NotEqual(removed, renewed);
        Assert.Equal(renewed, (await File.ReadAllTextAsync(idFile)).Trim());
        Assert.Equal(0, recorder.Errors);
        Assert.Contains(logs.Lines.Snapshot(), l => l.EndsWith(
            $"Mesos removed framework {removed} (torn down, or its failover timeout passed); its stored ID is cleared and the scheduler subscribes as a new framework",
            StringComparison.Ordinal));
    }
}
