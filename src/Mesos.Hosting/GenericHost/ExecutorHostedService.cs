using Mesos.Hosting.Executor;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.GenericHost;

/// <summary>Runs the executor driver for the life of the host; the driver stops the host when the executor's work is over.</summary>
internal sealed class ExecutorHostedService(ExecutorLoop loop) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loop.RunAsync(stoppingToken);

    public override void Dispose()
    {
        loop.Dispose();
        base.Dispose();
    }
}
