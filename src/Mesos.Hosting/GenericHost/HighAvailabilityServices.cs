using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Workloads;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// The ZooKeeper session of scheduler high availability and what stands on it: the election, the framework-ID
/// node and the workload store, one session for all. Disposed with the host (both ways, as DI may dispose either way).
/// </summary>
internal sealed class HighAvailabilityServices : IAsyncDisposable, IDisposable
{
    private const string FrameworkIdNode = "framework-id";
    private const string WorkloadsNode = "workloads";

    private readonly ZooKeeperClient _client;
    private readonly ZooKeeperWorkloadStore _workloads;

    public HighAvailabilityServices(MesosHighAvailabilityOptions options, TimeProvider time, ILoggerFactory loggers, LeadershipMetrics metrics)
    {
        var url = ZooKeeperConnectionString.Parse(options.ZooKeeper!);
        _client = new ZooKeeperClient(ZooKeeperClientOptions.From(url, options.SessionTimeout), time, loggers.CreateLogger<ZooKeeperClient>());
        Election = new ZooKeeperLeaderElection(_client, url.Path, time, loggers.CreateLogger("Mesos.Hosting.HighAvailability"), metrics);
        FrameworkIds = new ZooKeeperFrameworkIdStore(_client, $"{url.Path.TrimEnd('/')}/{FrameworkIdNode}");
        _workloads = new ZooKeeperWorkloadStore(_client, $"{url.Path.TrimEnd('/')}/{WorkloadsNode}", loggers.CreateLogger("Mesos.Hosting.Workloads"));
    }

    public ZooKeeperLeaderElection Election { get; }

    public IFrameworkIdStore FrameworkIds { get; }

    /// <summary>The workloads' store on the same session, beside the election: what the next leader resumes.</summary>
    public IWorkloadStore Workloads => _workloads;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Election.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // Closing the session deletes whatever the election left in ZooKeeper.
            await _client.DisposeAsync().ConfigureAwait(false);
            _workloads.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
