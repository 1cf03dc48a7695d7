using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.TestSupport.Workloads;
using Mesos.Hosting.Workloads;
using Microsoft.Extensions.Logging.Abstractions;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>The store contract on a real ZooKeeper server: each new store instance has a session of its own.</summary>
[Collection(SharedServer.Name)]
public sealed class ZooKeeperWorkloadStoreTests(ZooKeeperServerFixture fixture) : WorkloadStoreContract
{
    private readonly string _root = UniquePath("ha") + "/workloads";
    private readonly List<ZooKeeperClient> _clients = [];

    protected override async Task<IWorkloadStore> CreateStoreAsync() =>
        new ZooKeeperWorkloadStore(await ClientAsync(), _root, NullLogger.Instance);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("some other application's data")]
    [InlineData("mesos-hosting-workloads 2")]
    public async Task A_root_holding_something_else_is_refused_and_nothing_written(string data)
    {
        var client = await ClientAsync();
        await client.EnsurePathAsync(_root, ZooKeeperAcl.OpenUnsafe, None);
        await client.SetDataAsync(_root, Bytes(data), -1, None);
        var store = await OpenAsync();

        var error = await Assert.ThrowsAsync<WorkloadStoreException>(() => store.LoadAsync(None).AsTask());
        await Assert.ThrowsAsync<WorkloadStoreException>(() => store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work("pi", "pi")] }, None).AsTask());

        Assert.Contains($"'{_root}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(data, Text((await client.GetDataAsync(_root, None)).Data));
        Assert.Empty((await client.GetChildrenAsync(_root, None)).Names);
    }

    [Fact]
    public async Task A_root_with_children_and_no_marker_is_refused()
    {
        var client = await ClientAsync();
        await client.EnsurePathAsync(_root + "/someone-else", ZooKeeperAcl.OpenUnsafe, None);

        var error = await Assert.ThrowsAsync<WorkloadStoreException>(async () => await (await OpenAsync()).LoadAsync(None));

        Assert.Contains("no format marker and 1 children", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_root_is_claimed()
    {
        var client = await ClientAsync();
        await client.EnsurePathAsync(_root, ZooKeeperAcl.OpenUnsafe, None);

        StoreAssertions.Holds(await (await OpenAsync()).LoadAsync(None), [], []);

        Assert.Equal("mesos-hosting-workloads 1", Text((await client.GetDataAsync(_root, None)).Data));
    }

    [Fact]
    public async Task A_record_over_the_node_limit_is_refused_by_name_before_anything_is_written()
    {
        var store = await LoadedAsync();
        var large = new StoredAttempt("huge.1", "huge", new byte[ZooKeeperWorkloadStore.MaxRecordBytes + 1]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(
            new WorkloadStoreChanges { PutWork = [Work("huge", "h")], PutAttempts = [large] }, None).AsTask());

        Assert.Contains("attempt 'huge.1'", error.Message, StringComparison.Ordinal);
        StoreAssertions.Holds(await ReloadAsync(), [], []);
    }

    private async Task<ZooKeeperClient> ClientAsync()
    {
        var client = await ConnectAsync(fixture.Server.EndPoint);
        _clients.Add(client);
        return client;
    }
}
