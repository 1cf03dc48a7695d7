using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Mesos.V1;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>One contract for every framework-ID store: empty at first, the last ID saved, empty again once cleared.</summary>
[Collection(SharedServer.Name)]
public sealed class FrameworkIdStoreTests(ZooKeeperServerFixture fixture)
{
    [Fact]
    public async Task The_zookeeper_store_keeps_the_id_for_the_next_leader()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("framework") + "/framework-id";
        await HoldsTheContract(new ZooKeeperFrameworkIdStore(client, path));

        await new ZooKeeperFrameworkIdStore(client, path).SaveAsync(new FrameworkID { Value = "fw-7" }, CancellationToken.None);
        await using var next = await ConnectAsync(fixture.Server.EndPoint);
        Assert.Equal("fw-7", (await new ZooKeeperFrameworkIdStore(next, path).LoadAsync(CancellationToken.None))?.Value);
    }

    [Fact]
    public async Task The_file_store_holds_the_contract()
    {
        var file = Path.Combine(Path.GetTempPath(), $"framework-id-{Guid.NewGuid():N}", "id");
        try
        {
            await HoldsTheContract(new FileFrameworkIdStore(file));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public Task The_in_memory_store_holds_the_contract() => HoldsTheContract(new InMemoryFrameworkIdStore());

    private static async Task HoldsTheContract(IFrameworkIdStore store)
    {
        var none = CancellationToken.None;
        Assert.Null(await store.LoadAsync(none));
        await store.SaveAsync(new FrameworkID { Value = "fw-1" }, none);
        await store.SaveAsync(new FrameworkID { Value = "fw-2" }, none);
        Assert.Equal("fw-2", (await store.LoadAsync(none))?.Value);
        await store.ClearAsync(none);
        await store.ClearAsync(none);
        Assert.Null(await store.LoadAsync(none));
    }
}
