using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// Loads the workload store at start, before the scheduler driver subscribes (it is registered first): a store that
/// cannot be read stops the host with the store's error, and attempts left live are reconciled at SUBSCRIBED.
/// </summary>
internal sealed class WorkloadHostedService(WorkloadEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => engine.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.Stop();
        return Task.CompletedTask;
    }
}
