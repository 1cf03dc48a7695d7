using Mesos.Hosting.Scheduler;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>A framework as a user writes it (a Generic Host with AddMesosScheduler), pointed at a hostile master.</summary>
internal sealed class SchedulerUnderTest : IAsyncDisposable
{
    private SchedulerUnderTest(IHost host, LogSink logs, SchedulerSeen seen)
    {
        Host = host;
        Logs = logs;
        Seen = seen;
    }

    public IHost Host { get; }

    public LogSink Logs { get; }

    public SchedulerSeen Seen { get; }

    public ISchedulerDriver Driver => Host.Services.GetRequiredService<ISchedulerDriver>();

    public static async Task<SchedulerUnderTest> StartAsync(Uri master, Action<MesosSchedulerOptions>? configure = null, SchedulerSeen? seen = null)
    {
        var logs = new LogSink();
        seen ??= new SchedulerSeen();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(seen);
        builder.Services.AddMesosScheduler<SeeingScheduler>(o =>
        {
            o.Master = master.ToString();
            o.Framework.Name = "hostile-test";
            o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(50);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(1);
            o.CallTimeout = TimeSpan.FromSeconds(2);
            o.StopApplicationOnError = false;
            configure?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new SchedulerUnderTest(host, logs, seen);
    }

    public async Task<HealthReportEntry> HealthAsync()
        => (await Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["mesos-scheduler"];

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}

/// <summary>What the framework's callbacks saw.</summary>
internal sealed class SchedulerSeen
{
    public Observed<string> Callbacks { get; } = new();

    public Observed<TaskStatus> Updates { get; } = new();

    public Observed<Offer> Offers { get; } = new();

    public Observed<string> Errors { get; } = new();

    /// <summary>A task whose status updates make the scheduler's callback throw.</summary>
    public string? ThrowOnUpdateOf { get; init; }
}

/// <summary>Records every callback; takes no offer, so that the driver declines them.</summary>
internal sealed class SeeingScheduler(SchedulerSeen seen) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken) => Saw("registered");

    public override Task ReregisteredAsync(MasterInfo master, CancellationToken cancellationToken) => Saw("reregistered");

    public override Task DisconnectedAsync(CancellationToken cancellationToken) => Saw("disconnected");

    public override Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        foreach (var offer in offers)
        {
            seen.Offers.Add(offer);
        }

        return Saw("offers");
    }

    public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        seen.Updates.Add(status);
        if (status.TaskId.Value == seen.ThrowOnUpdateOf)
        {
            throw new InvalidOperationException($"The test's callback fails on task {seen.ThrowOnUpdateOf}.");
        }

        return Saw("update");
    }

    public override Task ErrorAsync(string message, CancellationToken cancellationToken)
    {
        seen.Errors.Add(message);
        return Saw("error");
    }

    private Task Saw(string callback)
    {
        seen.Callbacks.Add(callback);
        return Task.CompletedTask;
    }
}
