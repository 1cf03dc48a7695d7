using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Hosting;

/// <summary>
/// Runs the scheduler driver for the life of the host. Stopping the host closes the subscription and
/// never sends TEARDOWN: the master's failover timeout keeps the tasks for the next start.
/// </summary>
internal sealed class SchedulerHostedService : BackgroundService
{
    private readonly SchedulerDriver _driver;

    public SchedulerHostedService(SchedulerDriver driver, MesosSchedulerOptionsHolder options, IHostApplicationLifetime lifetime)
    {
        _driver = driver;
        if (options.Value.StopApplicationOnError)
        {
            _driver.Failed += _ => lifetime.StopApplication();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _driver.RunAsync(stoppingToken);
}
