using System.Globalization;
using Mesos.Hosting.Operator;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Wire;
using Microsoft.Extensions.DependencyInjection;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>The operator client given a zk:// master: it finds the leader in the masters' ZooKeeper group and follows it.</summary>
[Collection(SharedServer.Name)]
public sealed class OperatorMasterDetectionTests(ZooKeeperServerFixture fixture)
{
    [Theory]
    [InlineData(MesosContentTypes.Protobuf)]
    [InlineData(MesosContentTypes.Json)]
    public async Task The_operator_client_follows_the_leader_zookeeper_names(string contentType)
    {
        var masters = $"zk://{fixture.Server.ConnectString}{UniquePath("mesos")}";
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Masters = 2, Agents = 0, ZooKeeper = masters });
        var services = new ServiceCollection();
        services.AddMesosOperator(o =>
        {
            o.Master = masters;
            o.ContentType = contentType;
            o.RetryInitialDelay = TimeSpan.FromMilliseconds(20);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMesosOperator>();

        // No master URL was given: the first answer comes from the leader ZooKeeper names.
        Assert.Equal(Port(cluster.MasterUri), await FlagAsync(client, "port"));

        await cluster.FailOverLeaderAsync();

        var leader = Port(cluster.MasterUri);
        await Eventually.Until(async () => await FlagAsync(client, "port") == leader, "the client at the new leader");
        Assert.Equal(1, cluster.LeaderIndex);
    }

    private static string Port(Uri master) => master.Port.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> FlagAsync(IMesosOperator client, string name)
        => (await client.GetFlagsAsync()).Flags.Single(f => f.Name == name).Value;
}
