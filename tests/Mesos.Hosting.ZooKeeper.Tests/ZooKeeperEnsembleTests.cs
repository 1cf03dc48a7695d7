using Mesos.Hosting.TestSupport.ZooKeeper;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

public sealed class ZooKeeperEnsembleFixture : IAsyncLifetime
{
    private ZooKeeperEnsemble? _ensemble;

    public ZooKeeperEnsemble Ensemble => _ensemble ?? throw new InvalidOperationException("The ensemble has not started.");

    public async Task InitializeAsync() => _ensemble = await ZooKeeperEnsemble.StartAsync(3);

    public async Task DisposeAsync()
    {
        if (_ensemble is not null)
        {
            await _ensemble.DisposeAsync();
        }
    }
}

/// <summary>A three-server ensemble: a client outlives the server it is connected to.</summary>
public sealed class ZooKeeperEnsembleTests(ZooKeeperEnsembleFixture fixture) : IClassFixture<ZooKeeperEnsembleFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Killing_the_connected_member_keeps_the_same_session_its_ephemeral_nodes_and_its_watches()
    {
        var ensemble = fixture.Ensemble;
        await using var client = await ConnectAsync(ensemble.EndPoints, options => new ZooKeeperClientOptions
        {
            Servers = options.Servers,
            SessionTimeout = TimeSpan.FromSeconds(8),
            RequestTimeout = TimeSpan.FromSeconds(20),
        });
        var states = new StateRecorder(client);
        var sessionId = client.SessionId;
        var ephemeral = await client.CreateAsync(UniquePath("ephemeral"), Bytes("alive"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Ephemeral, None);
        var watched = await client.WatchDataAsync(ephemeral, None);
        var victim = ensemble.ServerAt(client.Server!);

        await victim.KillAsync();

        var reconnected = await states.WaitFor(ZooKeeperState.Connected);
        Assert.Equal(sessionId, reconnected.SessionId);
        Assert.NotEqual(victim.ClientPort, client.Server?.Port);
        Assert.DoesNotContain(ZooKeeperState.Expired, states.States);
        var node = await client.GetDataAsync(ephemeral, None);
        Assert.Equal(sessionId, node.Stat.EphemeralOwner);

        var survivor = ensemble.Servers.First(server => server.IsRunning);
        await using var other = await ConnectAsync(survivor.EndPoint);
        await other.SetDataAsync(ephemeral, Bytes("changed"), -1, None);
        Assert.Equal(ZooKeeperWatchEventType.NodeDataChanged, (await Eventually.Within(watched.Changed, "the watch set before the failover")).Type);

        victim.Start();
        await victim.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
    }
}
