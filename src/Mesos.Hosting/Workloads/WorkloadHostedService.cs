using Mesos.Hosting.GenericHost;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// Loads the workload store while this instance leads. A sole instance loads it at start, before the scheduler
/// driver subscribes (it is registered first), so a store that cannot be read stops the host with the store's error.
/// Under high availability a standby must not act on the store while another instance writes it: it loads the store
/// each time it starts leading, and forgets what it loaded when it stops (the engine's steps wait for the next load).
/// The engine and the store are built from the scheduler's options, so nothing is resolved before those are known good.
/// </summary>
internal sealed class WorkloadHostedService(
    IServiceProvider services, IOptions<MesosSchedulerOptions> scheduler, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _following = Task.CompletedTask;
    private WorkloadEngine? _engine;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!AreValid(scheduler))
        {
            // The scheduler's hosted service, which starts next, names every problem and stops the host with exit code 2.
            return Task.CompletedTask;
        }

        var engine = _engine = services.GetRequiredService<WorkloadEngine>();
        if (scheduler.Value.HighAvailability.ZooKeeper is null)
        {
            return engine.LoadAsync(cancellationToken);
        }

        _following = FollowLeadershipAsync(engine, services.GetRequiredService<ILeaderElection>(), _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _engine?.Stop();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _following.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private static bool AreValid(IOptions<MesosSchedulerOptions> options)
    {
        try
        {
            return options.Value is not null;
        }
        catch (OptionsValidationException)
        {
            return false;
        }
    }

    private async Task FollowLeadershipAsync(WorkloadEngine engine, ILeaderElection election, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                var leading = await election.LeadAsync(stopping).ConfigureAwait(false);
                using var term = CancellationTokenSource.CreateLinkedTokenSource(stopping, leading);
                try
                {
                    await engine.LoadAsync(term.Token).ConfigureAwait(false);
                    await EndOf(term.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (leading.IsCancellationRequested && !stopping.IsCancellationRequested)
                {
                }

                stopping.ThrowIfCancellationRequested();
                engine.Unload();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A leader that cannot read the store must not drive the framework: it stops, and a standby takes over.
            WorkloadLog.LoadFailed(loggers.CreateLogger("Mesos.Hosting.Workloads"), ex);
            Environment.ExitCode = SchedulerHostedService.FatalExitCode;
            lifetime.StopApplication();
        }
    }

    private static async Task EndOf(CancellationToken token)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (token.Register(() => ended.TrySetResult()))
        {
            await ended.Task.ConfigureAwait(false);
        }
    }
}
