using Mesos.Hosting.Placement;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Hosting;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.Workloads.Tests;

/// <summary>
/// A Generic Host running the workloads against a local cluster, as a user's Program.cs would, with a fake clock for
/// the workloads alone: the driver keeps real time for its heartbeats, while backoffs and timeouts move on the fake one.
/// </summary>
internal sealed class WorkloadsHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _ticking = new();
    private readonly Task _ticker;

    private WorkloadsHost(IHost host, FakeTimeProvider clock, TimeSpan tick)
    {
        Host = host;
        Clock = clock;
        _ticker = TickAsync(tick);
    }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public IMesosWorkloads Workloads => Host.Services.GetRequiredService<IMesosWorkloads>();

    /// <summary>Starts a host on <paramref name="store"/>; the fake clock moves <paramref name="tick"/> every 20 ms of real time (none when zero).</summary>
    public static async Task<WorkloadsHost> StartAsync(LocalMesosCluster cluster, IWorkloadStore store, TimeSpan tick, FakeTimeProvider? clock = null, IFrameworkIdStore? frameworkIds = null)
    {
        clock ??= new FakeTimeProvider();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        if (System.Environment.GetEnvironmentVariable("WORKLOADS_TEST_LOGS") is null)
        {
            builder.Logging.ClearProviders();
        }
        builder.Services.AddSingleton(store);
        if (frameworkIds is not null)
        {
            builder.Services.AddSingleton(frameworkIds);
        }

        builder.Services.AddKeyedSingleton<TimeProvider>(MesosWorkloadOptions.TimeProviderKey, clock);
        builder.Services.AddMesosWorkloads(options => LocalClusterSchedulerOptions.Apply(options, cluster, "workloads-test"));
        var host = builder.Build();
        await host.StartAsync();
        return new WorkloadsHost(host, clock, tick);
    }

    public static TaskRequest Command(string command, double cpus = 0.05) => new()
    {
        Id = string.Empty,
        Cpus = cpus,
        Mem = 16,
        Task = new TaskInfo { Command = new CommandInfo { Value = command } },
    };

    public async ValueTask DisposeAsync()
    {
        await _ticking.CancelAsync();
        await _ticker;
        await Host.StopAsync();
        Host.Dispose();
        _ticking.Dispose();
    }

    // Drives the fake clock from real time, so that the engine sees time pass while the test waits on conditions.
    private async Task TickAsync(TimeSpan tick)
    {
        if (tick <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_ticking.Token))
            {
                Clock.Advance(tick);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
