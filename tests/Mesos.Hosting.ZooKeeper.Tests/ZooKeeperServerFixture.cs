using Mesos.Hosting.TestSupport.ZooKeeper;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>One ZooKeeper server shared by the tests of a collection; each test works under its own path.</summary>
public sealed class ZooKeeperServerFixture : IAsyncLifetime
{
    private ZooKeeperServer? _server;

    public ZooKeeperServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await ZooKeeperServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServer : ICollectionFixture<ZooKeeperServerFixture>
{
    public const string Name = "One ZooKeeper server";
}
