using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Executor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Runs the executor driver for the life of the host; the driver stops the host when the executor's work is over.
/// A MESOS_* environment (with its <c>Mesos:Executor</c> overrides) that does not describe an executor stops the
/// host before anything starts, with exit code 2.
/// </summary>
internal sealed class ExecutorHostedService(IServiceProvider services, IOptions<MesosExecutorOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : BackgroundService
{
    private const string Role = "executor";

    private readonly ILogger _logger = loggers.CreateLogger("Mesos.Hosting.Executor");
    private ExecutorLoop? _loop;
    private ExecutorDriver? _driver;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!StartupValidation.TryRead(options, Role, _logger, lifetime, out _))
        {
            return Task.CompletedTask;
        }

        _driver = services.GetRequiredService<ExecutorDriver>();
        _loop = services.GetRequiredService<ExecutorLoop>();
        HostingLog.ExecutorStarting(_logger, _driver.Environment.ToString());
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_driver is null)
        {
            return;
        }

        HostingLog.Stopping(_logger, Role, _driver.TaskSummary());
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        HostingLog.Stopped(_logger, Role, $"{_driver.TaskSummary()}, {_driver.UnacknowledgedUpdates} update(s) unacknowledged");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop!.RunAsync(stoppingToken);

    public override void Dispose()
    {
        _loop?.Dispose();
        base.Dispose();
    }
}
