using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Runs the scheduler driver for the life of the host, while this instance leads (always, without high
/// availability). Stopping the host closes the subscription and never sends TEARDOWN: the master's failover
/// timeout keeps the tasks for the next start. An unrecoverable error stops the host with exit code 1, unless
/// the options say to keep it running.
/// </summary>
internal sealed class SchedulerHostedService : BackgroundService
{
    /// <summary>The process's exit code after an unrecoverable Mesos error stopped it: a supervisor must not take it for success.</summary>
    public const int FatalExitCode = 1;

    private readonly SchedulerLoop _loop;
    private readonly ILeaderElection _election;
    private readonly SchedulerStatus _status;

    public SchedulerHostedService(SchedulerLoop loop, ILeaderElection election, SchedulerStatus status, MesosSchedulerOptionsHolder options, IHostApplicationLifetime lifetime)
    {
        _loop = loop;
        _election = election;
        _status = status;
        if (options.Value.StopApplicationOnError)
        {
            _loop.Failed += _ =>
            {
                Environment.ExitCode = FatalExitCode;
                lifetime.StopApplication();
            };
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // A standby takes over at once rather than when this instance's ZooKeeper session ends.
        await _election.ResignAsync().ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_election.IsLeader)
            {
                _status.Set(SchedulerState.Standby);
            }

            CancellationToken leading;
            try
            {
                leading = await _election.LeadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leading);
            await _loop.RunAsync(running.Token).ConfigureAwait(false);
            if (_status.Health.State == SchedulerState.Failed || _status.TornDown)
            {
                return;
            }
        }
    }
}
