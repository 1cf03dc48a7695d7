using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Runs the scheduler driver for the life of the host. Stopping the host closes the subscription and
/// never sends TEARDOWN: the master's failover timeout keeps the tasks for the next start. An
/// unrecoverable error stops the host with exit code 1, unless the options say to keep it running.
/// </summary>
internal sealed class SchedulerHostedService : BackgroundService
{
    /// <summary>The process's exit code after an unrecoverable Mesos error stopped it: a supervisor must not take it for success.</summary>
    public const int FatalExitCode = 1;

    private readonly SchedulerLoop _loop;

    public SchedulerHostedService(SchedulerLoop loop, MesosSchedulerOptionsHolder options, IHostApplicationLifetime lifetime)
    {
        _loop = loop;
        if (options.Value.StopApplicationOnError)
        {
            _loop.Failed += _ =>
            {
                Environment.ExitCode = FatalExitCode;
                lifetime.StopApplication();
            };
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(stoppingToken);
}
