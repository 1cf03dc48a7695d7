using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

[Collection(SharedServer.Name)]
public sealed class ZooKeeperAuthTests(ZooKeeperServerFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ZooKeeperCredentials Alice = new("alice", "s3cret:with@signs");
    private static readonly ZooKeeperCredentials Bob = new("bob", "hunter2");

    [Fact]
    public async Task A_creator_only_node_is_readable_by_its_digest_identity_alone()
    {
        await using var alice = await ConnectAs(Alice);
        await using var aliceAgain = await ConnectAs(Alice);
        await using var bob = await ConnectAs(Bob);
        await using var anonymous = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("private");

        await alice.CreateAsync(path, Bytes("alice's"), ZooKeeperAcl.CreatorAll, ZooKeeperCreateMode.Persistent, None);

        Assert.Equal("alice's", Text((await aliceAgain.GetDataAsync(path, None)).Data));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, (await Assert.ThrowsAsync<ZooKeeperException>(() => bob.GetDataAsync(path, None))).Code);
        var denied = await Assert.ThrowsAsync<ZooKeeperException>(() => anonymous.SetDataAsync(path, Bytes("mine now"), -1, None));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, denied.Code);
        Assert.Contains("setData " + path, denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_entry_names_the_identity_as_the_server_computes_it()
    {
        await using var alice = await ConnectAs(Alice);
        await using var bob = await ConnectAs(Bob);
        var path = UniquePath("for-bob");

        await alice.CreateAsync(path, Bytes("for bob"), [ZooKeeperAcl.Digest(Bob, ZooKeeperPermissions.Read)], ZooKeeperCreateMode.Persistent, None);

        Assert.Equal("for bob", Text((await bob.GetDataAsync(path, None)).Data));
        Assert.Equal(ZooKeeperErrorCode.NoAuth, (await Assert.ThrowsAsync<ZooKeeperException>(() => alice.GetDataAsync(path, None))).Code);
        Assert.Equal(ZooKeeperErrorCode.NoAuth, (await Assert.ThrowsAsync<ZooKeeperException>(() => bob.SetDataAsync(path, Bytes("x"), -1, None))).Code);
    }

    [Fact]
    public async Task Credentials_from_a_zk_url_authenticate_the_session()
    {
        var url = ZooKeeperConnectionString.Parse($"zk://alice:s3cret:with@signs@{fixture.Server.ConnectString}/mesos");
        await using var fromUrl = await ConnectAsync(url.Servers, options => ZooKeeperClientOptions.From(url));
        await using var alice = await ConnectAs(Alice);
        var path = UniquePath("url");

        await fromUrl.CreateAsync(path, Bytes("x"), ZooKeeperAcl.CreatorAll, ZooKeeperCreateMode.Persistent, None);

        Assert.Equal("x", Text((await alice.GetDataAsync(path, None)).Data));
    }

    [Fact]
    public async Task Paths_under_a_chroot_are_relative_to_it_in_requests_replies_and_events()
    {
        await using var root = await ConnectAsync(fixture.Server.EndPoint);
        var chroot = UniquePath("chroot") + "/apps";
        await root.EnsurePathAsync(chroot, ZooKeeperAcl.OpenUnsafe, None);
        await using var rooted = await ConnectAsync([fixture.Server.EndPoint], options => new ZooKeeperClientOptions { Servers = options.Servers, Chroot = chroot });

        var watched = await rooted.WatchChildrenAsync("/", None);
        var created = await rooted.CreateAsync("/job_", Bytes("x"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Sequential, None);

        Assert.Equal("/job_0000000000", created);
        Assert.Equal("x", Text((await root.GetDataAsync(chroot + created, None)).Data));
        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeChildrenChanged, "/"), await Eventually.Within(watched.Changed, "the chroot's child watch"));

        var dataWatch = await rooted.WatchDataAsync(created, None);
        await root.SetDataAsync(chroot + created, Bytes("y"), -1, None);
        Assert.Equal(new ZooKeeperWatchEvent(ZooKeeperWatchEventType.NodeDataChanged, created), await Eventually.Within(dataWatch.Changed, "the data watch"));

        await rooted.EnsurePathAsync("/deep/er", ZooKeeperAcl.OpenUnsafe, None);
        Assert.NotNull(await root.ExistsAsync(chroot + "/deep/er", None));
        Assert.Equal(["deep", "job_0000000000"], (await rooted.GetChildrenAsync("/", None)).Names.Order());
    }

    private Task<ZooKeeperClient> ConnectAs(ZooKeeperCredentials credentials) =>
        ConnectAsync([fixture.Server.EndPoint], options => new ZooKeeperClientOptions { Servers = options.Servers, Credentials = credentials });
}
