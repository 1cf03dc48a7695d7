using Mesos.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    [Fact]
    public async Task A_framework_id_store_that_fails_to_read_or_clear_is_tried_again_with_backoff_not_the_drivers_end()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var recorder = new SchedulerRecorder(0);
        string removed;
        using (var first = SchedulerHost.Build(cluster, recorder))
        {
            await first.StartAsync();
            await recorder.WaitAsync(() => first.Driver().IsSubscribed, "subscribed");
            removed = first.Driver().FrameworkId!.Value;
            await first.Driver().TeardownAsync();
            await first.StopAsync();
        }

        var store = new OnceFailingStore(removed, what => new IOException($"the store is offline ({what})"));
        var logs = new LogSink();
        using var second = SchedulerHost.Build(cluster, recorder, store: store, logs: logs);
        await second.StartAsync();
        await recorder.WaitAsync(() => recorder.Registered == 2, "registered as a new framework");
        await second.StopAsync();

        Assert.Equal(0, recorder.Errors);
        Assert.Equal(second.Driver().FrameworkId!.Value, store.Held);
        Assert.NotEqual(removed, store.Held);
        var lines = logs.Lines.Snapshot();
        Assert.Contains(lines, l => l.Contains("Reading the framework ID from its store failed (attempt 1); trying again in ", StringComparison.Ordinal)
            && l.EndsWith("The framework ID could not be read from its store: the store is offline (load)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("subscription attempt 1 failed: The framework ID could not be cleared from its store: the store is offline (clear)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_framework_id_store_that_refuses_access_stops_the_driver_naming_its_error()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var recorder = new SchedulerRecorder(0);
        var store = new OnceFailingStore(null, what => new UnauthorizedAccessException($"access to the store is denied ({what})"));
        using var host = SchedulerHost.Build(cluster, recorder, store: store);
        await host.StartAsync();

        await recorder.WaitAsync(() => recorder.Errors == 1, "the driver to stop");
        await host.StopAsync();

        Assert.Equal("The framework ID could not be read from its store: UnauthorizedAccessException: access to the store is denied (load)", recorder.LastError);
        Assert.Equal(0, recorder.Registered);
        Assert.DoesNotContain(cluster.Journal.SchedulerCalls, c => c.Call.Type == V1.Scheduler.Call.Types.Type.Subscribe);
    }

    [Fact]
    public void A_relative_framework_id_file_is_kept_under_the_content_root_wherever_the_program_starts()
    {
        var root = Directory.CreateTempSubdirectory("content-root-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
            builder.Services.AddMesosScheduler<RecordingScheduler>(o => (o.Master, o.Framework.Name, o.FrameworkIdFile) = ("http://127.0.0.1:5050", "relative", Path.Combine("data", "framework-id")));
            using var host = builder.Build();

            var store = Assert.IsType<FileFrameworkIdStore>(host.Services.GetRequiredService<IFrameworkIdStore>());
            Assert.Equal(Path.Combine(root, "data", "framework-id"), store.Path);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>A user's store that fails its first read and its first clear as <paramref name="failure"/> says.</summary>
internal sealed class OnceFailingStore(string? held, Func<string, Exception> failure) : IFrameworkIdStore
{
    private int _loads;
    private int _clears;

    public string? Held { get; private set; } = held;

    public ValueTask<V1.FrameworkID?> LoadAsync(CancellationToken cancellationToken) => Interlocked.Increment(ref _loads) == 1
        ? throw failure("load")
        : ValueTask.FromResult(Held is null ? null : Wire.MesosId.Of<V1.FrameworkID>(Held));

    public ValueTask SaveAsync(V1.FrameworkID frameworkId, CancellationToken cancellationToken)
    {
        Held = frameworkId.Value;
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _clears) == 1)
        {
            throw failure("clear");
        }

        Held = null;
        return ValueTask.CompletedTask;
    }
}
