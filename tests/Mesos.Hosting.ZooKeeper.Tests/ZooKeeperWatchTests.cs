using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

[Collection(SharedServer.Name)]
public sealed class ZooKeeperWatchTests(ZooKeeperServerFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_exists_watch_on_a_missing_node_fires_once_when_it_is_created()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("created");

        var watched = await client.WatchExistsAsync(path, None);
        Assert.Null(watched.Value);
        Assert.False(watched.Changed.IsCompleted);

        await client.CreateAsync(path, Bytes("x"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        var created = await Eventually.Within(watched.Changed, "NodeCreated");
        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeCreated, path), created);

        // Fired once: the next change is seen only by a watch set anew, which sees it.
        var again = await client.WatchExistsAsync(path, None);
        await client.SetDataAsync(path, Bytes("y"), -1, None);
        Assert.Equal(ZooKeeperWatchEventType.NodeDataChanged, (await Eventually.Within(again.Changed, "NodeDataChanged")).Type);
        Assert.Same(created, await watched.Changed);
    }

    [Fact]
    public async Task A_data_watch_ignores_children_and_fires_on_the_data_change()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("data");
        await client.CreateAsync(path, Bytes("1"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var watched = await client.WatchDataAsync(path, None);
        Assert.Equal("1", Text(watched.Value.Data));

        // Events come in order: had the child's creation fired the data watch, it would show here instead.
        await client.CreateAsync(path + "/child", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        await client.SetDataAsync(path, Bytes("2"), -1, None);

        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeDataChanged, path), await Eventually.Within(watched.Changed, "NodeDataChanged"));
    }

    [Fact]
    public async Task A_data_watch_fires_on_deletion()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("deleted");
        await client.CreateAsync(path, Bytes("1"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var watched = await client.WatchDataAsync(path, None);
        await client.DeleteAsync(path, -1, None);

        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeDeleted, path), await Eventually.Within(watched.Changed, "NodeDeleted"));
    }

    [Fact]
    public async Task A_child_watch_ignores_the_data_and_fires_on_a_new_child()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("children");
        await client.CreateAsync(path, ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var watched = await client.WatchChildrenAsync(path, None);
        Assert.Empty(watched.Value.Names);

        await client.SetDataAsync(path, Bytes("not a child"), -1, None);
        await client.CreateAsync(path + "/kid", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeChildrenChanged, path), await Eventually.Within(watched.Changed, "NodeChildrenChanged"));
    }

    [Fact]
    public async Task Two_readers_of_one_node_are_both_told()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("shared");
        await client.CreateAsync(path, Bytes("1"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var first = await client.WatchDataAsync(path, None);
        var second = await client.WatchDataAsync(path, None);
        var elsewhere = await other.WatchDataAsync(path, None);
        await other.SetDataAsync(path, Bytes("2"), -1, None);

        var events = await Eventually.Within(Task.WhenAll(first.Changed, second.Changed, elsewhere.Changed), "three watches");
        Assert.All(events, e => Assert.Equal(ZooKeeperWatchEventType.NodeDataChanged, e.Type));
    }

    [Fact]
    public async Task A_watch_set_before_a_reply_is_seen_before_that_reply()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("order");
        await client.CreateAsync(path, Bytes("1"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var watched = await client.WatchDataAsync(path, None);
        await client.SetDataAsync(path, Bytes("2"), -1, None);

        // ZooKeeper's guarantee: a client sees the event before it sees the new data.
        Assert.True(watched.Changed.IsCompleted);
    }
}
