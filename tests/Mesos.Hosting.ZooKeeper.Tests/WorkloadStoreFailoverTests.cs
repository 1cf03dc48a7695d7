using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.TestSupport.Workloads;
using Mesos.Hosting.Workloads;
using Microsoft.Extensions.Logging.Abstractions;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>The ZooKeeper workload store on a three-server ensemble: a write under way
/// when its server dies completes through another, and the next write goes there too.</summary>
public sealed class WorkloadStoreFailoverTests(ZooKeeperEnsembleFixture fixture) : IClassFixture<ZooKeeperEnsembleFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_write_under_way_when_its_server_dies_lands_whole_through_another()
    {
        var ensemble = fixture.Ensemble;
        var root = UniquePath("ha") + "/workloads";
        await using var client = await ConnectAsync(ensemble.EndPoints, options => new ZooKeeperClientOptions
        {
            Servers = options.Servers,
            SessionTimeout = TimeSpan.FromSeconds(8),
            RequestTimeout = TimeSpan.FromSeconds(20),
        });
        using var store = new ZooKeeperWorkloadStore(client, root, NullLogger.Instance);
        await store.LoadAsync(None);
        var work = Enumerable.Range(0, 20).Select(i => new StoredWork($"work-{i}", Bytes($"spec {i}"))).ToList();
        var attempts = work.SelectMany(w => Enumerable.Range(0, 50).Select(j => new StoredAttempt($"{w.Id}.{j}", w.Id, Bytes($"state {j}")))).ToList();
        var victim = ensemble.ServerAt(client.Server!);

        var writing = store.WriteAsync(new WorkloadStoreChanges { PutWork = work, PutAttempts = attempts }, None).AsTask();
        await victim.KillAsync();
        await writing;
        var after = new StoredAttempt("work-0.after-failover", "work-0", Bytes("written through a survivor"));
        await store.WriteAsync(new WorkloadStoreChanges { PutAttempts = [after] }, None);

        Assert.NotEqual(victim.ClientPort, client.Server?.Port);
        await using var next = await ConnectAsync(ensemble.Servers.First(server => server.IsRunning).EndPoint);
        using var reader = new ZooKeeperWorkloadStore(next, root, NullLogger.Instance);
        StoreAssertions.Holds(await reader.LoadAsync(None), work, [.. attempts, after]);
    }
}
