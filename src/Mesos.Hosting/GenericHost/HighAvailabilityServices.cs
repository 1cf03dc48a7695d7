using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// The ZooKeeper session of scheduler high availability and what stands on it: the election and the framework-ID
/// node, one session for both. Disposed with the host (both ways, as DI may dispose either way).
/// </summary>
internal sealed class HighAvailabilityServices : IAsyncDisposable, IDisposable
{
    private const string FrameworkIdNode = "framework-id";

    private readonly ZooKeeperClient _client;

    public HighAvailabilityServices(MesosHighAvailabilityOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var url = ZooKeeperConnectionString.Parse(options.ZooKeeper!);
        _client = new ZooKeeperClient(ZooKeeperClientOptions.From(url, options.SessionTimeout), time, loggers.CreateLogger<ZooKeeperClient>());
        Election = new ZooKeeperLeaderElection(_client, url.Path, time, loggers.CreateLogger("Mesos.Hosting.HighAvailability"));
        FrameworkIds = new ZooKeeperFrameworkIdStore(_client, $"{url.Path.TrimEnd('/')}/{FrameworkIdNode}");
    }

    public ZooKeeperLeaderElection Election { get; }

    public IFrameworkIdStore FrameworkIds { get; }

    public async ValueTask DisposeAsync()
    {
        await Election.DisposeAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
