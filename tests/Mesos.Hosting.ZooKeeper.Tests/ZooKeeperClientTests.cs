using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

[Collection(SharedServer.Name)]
public sealed class ZooKeeperClientTests(ZooKeeperServerFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Nodes_are_created_read_changed_listed_and_deleted_with_their_stat()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var root = UniquePath("crud");
        await client.CreateAsync(root, Bytes("root"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var created = await client.CreateAsync(root + "/a", Bytes("one"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        var node = await client.GetDataAsync(created, None);

        Assert.Equal(root + "/a", created);
        Assert.Equal("one", Text(node.Data));
        Assert.Equal(0, node.Stat.Version);
        Assert.Equal(3, node.Stat.DataLength);
        Assert.False(node.Stat.IsEphemeral);
        Assert.Equal(node.Stat.CreatedZxid, node.Stat.ModifiedZxid);

        var changed = await client.SetDataAsync(created, Bytes("second"), version: 0, None);
        Assert.Equal(1, changed.Version);
        Assert.Equal(6, changed.DataLength);
        Assert.True(changed.ModifiedZxid > node.Stat.ModifiedZxid);
        Assert.Equal("second", Text((await client.GetDataAsync(created, None)).Data));

        await client.CreateAsync(root + "/b", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        var children = await client.GetChildrenAsync(root, None);
        Assert.Equal(["a", "b"], children.Names.Order());
        Assert.Equal(2, children.Stat.ChildCount);
        Assert.Equal(2, children.Stat.ChildrenVersion);

        Assert.NotNull(await client.ExistsAsync(created, None));
        await client.DeleteAsync(created, version: 1, None);
        Assert.Null(await client.ExistsAsync(created, None));
        Assert.Equal(["b"], (await client.GetChildrenAsync(root, None)).Names);
    }

    [Fact]
    public async Task Server_errors_come_back_as_their_codes_naming_the_operation_and_path()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var root = UniquePath("errors");
        await client.CreateAsync(root, ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        await client.CreateAsync(root + "/child", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var noNode = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(root + "/missing", None));
        Assert.Equal(ZooKeeperErrorCode.NoNode, noNode.Code);
        Assert.Equal("getData", noNode.Operation);
        Assert.Contains(root + "/missing", noNode.Message, StringComparison.Ordinal);
        Assert.Contains("NoNode (-101)", noNode.Message, StringComparison.Ordinal);

        var exists = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(root, ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None));
        Assert.Equal(ZooKeeperErrorCode.NodeExists, exists.Code);

        var notEmpty = await Assert.ThrowsAsync<ZooKeeperException>(() => client.DeleteAsync(root, -1, None));
        Assert.Equal(ZooKeeperErrorCode.NotEmpty, notEmpty.Code);
        Assert.Equal("delete", notEmpty.Operation);

        var badVersion = await Assert.ThrowsAsync<ZooKeeperException>(() => client.SetDataAsync(root + "/child", Bytes("x"), version: 7, None));
        Assert.Equal(ZooKeeperErrorCode.BadVersion, badVersion.Code);

        await client.CreateAsync(root + "/eph", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Ephemeral, None);
        var ephemeralParent = await Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(root + "/eph/x", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None));
        Assert.Equal(ZooKeeperErrorCode.NoChildrenForEphemerals, ephemeralParent.Code);

        var invalid = await Assert.ThrowsAsync<ArgumentException>(() => client.GetDataAsync(root + "//x", None));
        Assert.Contains("empty node name", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequential_nodes_get_ten_digit_counters_in_order()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var root = UniquePath("sequence");
        await client.CreateAsync(root, ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add(await client.CreateAsync(root + "/job_", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Sequential, None));
        }

        Assert.Equal([root + "/job_0000000000", root + "/job_0000000001", root + "/job_0000000002"], names);
    }

    [Fact]
    public async Task Many_requests_in_flight_at_once_each_get_their_own_reply()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var root = UniquePath("pipeline");
        await client.CreateAsync(root, ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.CreateAsync($"{root}/n{i}", Bytes("v" + i), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None)));
        var read = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.GetDataAsync($"{root}/n{i}", None)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{root}/n{i}"), created);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => "v" + i), read.Select(node => Text(node.Data)));
    }

    [Fact]
    public async Task Ephemeral_nodes_go_when_their_session_closes()
    {
        await using var observer = await ConnectAsync(fixture.Server.EndPoint);
        var owner = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("ephemeral");
        await owner.CreateAsync(path, Bytes("mine"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Ephemeral, None);

        var watched = await observer.WatchExistsAsync(path, None);
        Assert.Equal(owner.SessionId, watched.Value?.EphemeralOwner);

        await owner.DisposeAsync();

        var deleted = await Eventually.Within(watched.Changed, "the ephemeral node's deletion");
        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeDeleted, path), deleted);
        Assert.Null(await observer.ExistsAsync(path, None));
        Assert.Equal(ZooKeeperState.Closed, owner.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => owner.GetDataAsync("/", None));
    }

    [Fact]
    public async Task Frames_over_the_limit_are_refused_and_the_session_goes_on()
    {
        await using var writer = await ConnectAsync(fixture.Server.EndPoint);
        await using var limited = await ConnectAsync([fixture.Server.EndPoint], options => new ZooKeeperClientOptions
        {
            Servers = options.Servers,
            MaxFrameLength = 2048,
        });
        var states = new StateRecorder(limited);
        var sessionId = limited.SessionId;
        var path = UniquePath("large");
        await writer.CreateAsync(path, new byte[4096], ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

        var refused = await Assert.ThrowsAsync<ZooKeeperException>(() => limited.GetDataAsync(path, None));

        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, refused.Code);
        Assert.Contains("over the limit of 2048 bytes", refused.Message, StringComparison.Ordinal);
        await states.WaitFor(ZooKeeperState.Connected);
        Assert.Equal(sessionId, limited.SessionId);
        Assert.NotNull(await limited.ExistsAsync(path, None));
    }
}
