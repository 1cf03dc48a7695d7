using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Mesos.V1;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>Masters put up for election as Mesos masters are, read back as Mesos's detectors (and ours) read them, on a real server.</summary>
public sealed class MasterContenderTests(ZooKeeperServerFixture fixture) : IClassFixture<ZooKeeperServerFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TcpProxy _proxy = new(fixture.Server.EndPoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task The_first_to_contend_leads_a_withdrawn_master_hands_over_and_one_that_comes_back_queues_behind()
    {
        var path = UniquePath("mesos");
        await using var contender = new ZooKeeperMasterContender($"zk://{fixture.Server.ConnectString}{path}");
        await using var reader = await ConnectAsync(fixture.Server.EndPoint);
        var (first, second) = (Master("first", 5051), Master("second", 5052));
        await contender.ContendAsync(first);
        await contender.ContendAsync(second);

        Assert.Equal([first.Id, second.Id], await MastersInOrderAsync(reader, path));

        Assert.True(await contender.WithdrawAsync(first.Id));
        await contender.ContendAsync(first);

        Assert.Equal([second.Id, first.Id], await MastersInOrderAsync(reader, path));
        var children = (await reader.GetChildrenAsync(path, None)).Names;
        Assert.All(children, name => Assert.Matches("^json\\.info_\\d{10}$", name));
        Assert.False(await contender.WithdrawAsync("nobody"));
    }

    [Fact]
    public async Task After_its_session_expires_every_master_contends_again_in_the_order_they_held()
    {
        var path = UniquePath("mesos");
        await using var contender = new ZooKeeperMasterContender($"zk://{_proxy.EndPoint.Host}:{_proxy.EndPoint.Port}{path}", TimeSpan.FromMilliseconds(1500));
        await using var reader = await ConnectAsync(fixture.Server.EndPoint);
        using var group = Group(reader, path);
        var (first, second) = (Master("first", 5051), Master("second", 5052));
        await contender.ContendAsync(first);
        await contender.ContendAsync(second);
        var before = await group.WatchAsync(null, None);
        Assert.Equal(2, before.Members.Count);

        _proxy.Sever();
        var during = await Eventually.Within(group.WatchAsync(before, None), "the expired session's nodes to go");
        Assert.True(during.IsEmpty, $"members while the contender is cut off: {during}");
        _proxy.Restore();

        await Eventually.Until(async () => (await MastersInOrderAsync(reader, path)).Count == 2, "both masters to contend again");
        Assert.Equal([first.Id, second.Id], await MastersInOrderAsync(reader, path));
    }

    [Fact]
    public async Task Disposing_the_contender_removes_its_masters_at_once()
    {
        var path = UniquePath("mesos");
        await using var reader = await ConnectAsync(fixture.Server.EndPoint);
        var contender = new ZooKeeperMasterContender($"zk://{fixture.Server.ConnectString}{path}");
        await contender.ContendAsync(Master("only", 5050));

        await contender.DisposeAsync();

        Assert.Empty((await reader.GetChildrenAsync(path, None)).Names);
    }

    [Fact]
    public async Task Bad_urls_and_masters_are_refused_naming_what_is_wrong()
    {
        Assert.Contains("the path must not be /", Assert.Throws<FormatException>(() => new ZooKeeperMasterContender($"zk://{fixture.Server.ConnectString}/")).Message, StringComparison.Ordinal);
        await using var contender = new ZooKeeperMasterContender($"zk://{fixture.Server.ConnectString}{UniquePath("mesos")}");

        var noPort = await Assert.ThrowsAsync<ArgumentException>(() => contender.ContendAsync(new MasterInfo { Id = "m", Ip = 1 }));
        Assert.StartsWith("A contending master's MasterInfo needs its required fields; this one lacks port.", noPort.Message, StringComparison.Ordinal);
        await contender.ContendAsync(Master("twice", 5050));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => contender.ContendAsync(Master("twice", 5050)));
        Assert.StartsWith("Master twice is already contending.", twice.Message, StringComparison.Ordinal);
    }

    // The masters' IDs as a detector ranks them: by sequence number, the lowest (the leader) first.
    private static async Task<List<string>> MastersInOrderAsync(ZooKeeperClient reader, string path)
    {
        var members = ZooKeeperGroupMembers.From((await reader.GetChildrenAsync(path, None)).Names);
        var ids = new List<string>();
        foreach (var member in members.Members)
        {
            var node = await reader.GetDataAsync($"{path}/{member.Name}", None);
            ids.Add(MasterInfoJson.Parse(node.Data, member.Name).Id);
        }

        return ids;
    }

    private static MasterInfo Master(string id, int port) => new()
    {
        Id = id,
        Ip = 16777343,
        Port = (uint)port,
        Hostname = "127.0.0.1",
        Pid = $"master@127.0.0.1:{port}",
        Address = new Address { Ip = "127.0.0.1", Port = port, Hostname = "127.0.0.1" },
    };
}
