using Mesos.Hosting.GenericHost;
using Mesos.Hosting.HighAvailability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// Loads the workload store while this instance leads. A sole instance loads it at start, before the scheduler
/// driver subscribes (it is registered first), so a store that cannot be read stops the host with the store's error.
/// Under high availability a standby must not act on the store while another instance writes it: it loads the store
/// each time it starts leading, and forgets what it loaded when it stops (the engine's steps wait for the next load).
/// </summary>
internal sealed class WorkloadHostedService(
    WorkloadEngine engine, ILeaderElection election, MesosSchedulerOptionsHolder scheduler, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _following = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (scheduler.Value.HighAvailability.ZooKeeper is null)
        {
            return engine.LoadAsync(cancellationToken);
        }

        _following = FollowLeadershipAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        engine.Stop();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _following.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task FollowLeadershipAsync(CancellationToken stopping)
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
