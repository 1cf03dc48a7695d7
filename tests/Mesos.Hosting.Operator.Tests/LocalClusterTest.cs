using Mesos.Hosting.Testing;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>A test class whose every test gets a LocalMesosCluster of its own, started before it and disposed after.</summary>
public abstract class LocalClusterTest(LocalMesosClusterOptions? options = null) : IAsyncLifetime
{
    protected LocalMesosCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalMesosCluster.StartAsync(options);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
