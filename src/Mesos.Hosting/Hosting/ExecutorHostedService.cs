using Mesos.Hosting.Executor;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Hosting;

/// <summary>Runs the executor driver for the life of the host; the driver stops the host when the executor's work is over.</summary>
internal sealed class ExecutorHostedService(ExecutorDriver driver) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => driver.RunAsync(stoppingToken);
}
