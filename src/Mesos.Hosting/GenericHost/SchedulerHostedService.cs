using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Runs the scheduler driver for the life of the host, while this instance leads (always, without high
/// availability). Stopping the host closes the subscription and never sends TEARDOWN: the master's failover
/// timeout keeps the tasks for the next start. An unrecoverable error stops the host with exit code 1, unless
/// the options say to keep it running; invalid options stop it before anything starts, with exit code 2.
/// </summary>
internal sealed class SchedulerHostedService(IServiceProvider services, IOptions<MesosSchedulerOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : BackgroundService
{
    /// <summary>The process's exit code after an unrecoverable Mesos error stopped it: a supervisor must not take it for success.</summary>
    public const int FatalExitCode = 1;

    private const string Role = "scheduler";

    private readonly ILogger _logger = loggers.CreateLogger("Mesos.Hosting.Scheduler");
    private MesosSchedulerOptions? _options;
    private SchedulerLoop? _loop;
    private ILeaderElection? _election;
    private SchedulerStatus? _status;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The driver's services read the options as they are built, so nothing is resolved before they are known good.
        if (!StartupValidation.TryRead(options, Role, _logger, lifetime, out _options))
        {
            return Task.CompletedTask;
        }

        var framework = _options.Framework;
        HostingLog.SchedulerStarting(
            _logger,
            framework.Name,
            framework.Roles.Count > 0 ? string.Join(", ", framework.Roles) : framework.Role ?? "*",
            string.Join(", ", _options.AllMasters.Select(ZooKeeperConnectionString.Redact)));
        if (GarbageCollectorBudget.IsStarved())
        {
            HostingLog.GarbageCollectorStarved(_logger, GarbageCollectorBudget.CacheDirectory, GarbageCollectorBudget.Setting);
        }

        _loop = services.GetRequiredService<SchedulerLoop>();
        _election = services.GetRequiredService<ILeaderElection>();
        _status = services.GetRequiredService<SchedulerStatus>();
        if (_options.StopApplicationOnError)
        {
            _loop.Failed += _ =>
            {
                Environment.ExitCode = FatalExitCode;
                lifetime.StopApplication();
            };
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_election is null)
        {
            return;
        }

        HostingLog.Stopping(_logger, Role, StopReason());
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // A standby takes over at once rather than when this instance's ZooKeeper session ends. A ZooKeeper that is away
        // holds the stop for a session timeout at most, past which it deletes the node by itself, and never longer than the
        // host allows.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(_options!.HighAvailability.SessionTimeout);
        try
        {
            await _election.ResignAsync().AsTask().WaitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
        }

        HostingLog.Stopped(_logger, Role, StopReason());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (loop, election, status) = (_loop!, _election!, _status!);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!election.IsLeader)
            {
                status.Set(SchedulerState.Standby);
            }

            CancellationToken leading;
            try
            {
                leading = await election.LeadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leading);
            await loop.RunAsync(running.Token).ConfigureAwait(false);
            if (status.Health.State == SchedulerState.Failed)
            {
                // A host kept running after the driver's end (StopApplicationOnError false) must not hold the lead from a
                // standby. A torn-down framework keeps it: a standby would only register a new one.
                await election.ResignAsync().ConfigureAwait(false);
                return;
            }

            if (status.TornDown)
            {
                return;
            }
        }
    }

    private string StopReason() => _status switch
    {
        { Health: { State: SchedulerState.Failed, Error: var error } } => $"after an unrecoverable error ({error})",
        { TornDown: true } => "the framework was torn down",
        { FrameworkId: { } id } => $"the host is stopping; framework {id.Value} stays registered with Mesos for its failover timeout of {HumanDuration.Format(_options!.Framework.FailoverTimeout)}",
        _ => "the host is stopping",
    };
}
