using Mesos.V1;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

[Collection(SharedServer.Name)]
public sealed class ZooKeeperGroupTests(ZooKeeperServerFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_lowest_json_info_node_leads_and_its_deletion_hands_over_within_one_watch()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("mesos");
        await client.EnsurePathAsync(path, ZooKeeperAcl.OpenUnsafe, None);
        foreach (var (name, host) in new[] { ("json.info_0000000005", "m5"), ("json.info_0000000003", "m3") })
        {
            await client.CreateAsync($"{path}/{name}", MasterInfoJson.Write(Master(host)), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        }

        await client.CreateAsync(path + "/log_replicas", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        using var group = Group(client, path);

        var members = await group.WatchAsync(expected: null, None);
        Assert.Equal(["json.info_0000000003", "json.info_0000000005"], members.Members.Select(m => m.Name));
        var leader = members.Leader(MasterInfoJson.Label);
        Assert.Equal(new ZooKeeperGroupMember("json.info_0000000003", "json.info", 3), leader);
        Assert.Equal("m3", MasterInfoJson.Parse((await group.GetDataAsync(leader!, None))!.Value, path).Hostname);

        var next = group.WatchAsync(members, None);
        Assert.False(next.IsCompleted);
        await client.DeleteAsync($"{path}/json.info_0000000003", -1, None);

        var after = await Eventually.Within(next, "the members after the leader left");
        Assert.Equal(5, after.Leader(MasterInfoJson.Label)?.Sequence);
        Assert.Equal(["json.info_0000000005"], after.Members.Select(m => m.Name));
        Assert.Null(await group.GetDataAsync(leader!, None));
    }

    [Fact]
    public async Task Members_join_in_order_the_first_leads_and_leaving_hands_over()
    {
        await using var first = await ConnectAsync(fixture.Server.EndPoint);
        await using var second = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("schedulers") + "/leader";
        using var firstGroup = Group(first, path);
        using var secondGroup = Group(second, path);

        var one = await firstGroup.JoinAsync("scheduler", Bytes("instance 1"), None);
        var two = await secondGroup.JoinAsync("scheduler", Bytes("instance 2"), None);

        Assert.Equal("scheduler", one.Member.Label);
        Assert.True(two.Member.Sequence > one.Member.Sequence);
        Assert.Equal(first.SessionId, one.SessionId);
        Assert.Matches(@"^scheduler_\d{10}$", one.Member.Name);

        var members = await secondGroup.WatchAsync(null, None);
        Assert.Equal(one.Member, members.Leader("scheduler"));
        Assert.Equal("instance 2", Text((await firstGroup.GetDataAsync(two.Member, None))!.Value));

        var handover = secondGroup.WatchAsync(members, None);
        Assert.True(await firstGroup.LeaveAsync(one, None));

        Assert.Equal(ZooKeeperMembershipEnd.Left, await one.Ended);
        Assert.Equal(two.Member, (await Eventually.Within(handover, "the members after the leader left")).Leader("scheduler"));
        Assert.False(await firstGroup.LeaveAsync(one, None));
        Assert.True(two.IsActive);
    }

    [Fact]
    public async Task Joining_deletes_what_an_earlier_join_of_the_session_left_behind_and_nothing_else()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("schedulers");
        using var group = Group(client, path);
        var held = await group.JoinAsync("scheduler", Bytes("held"), None);

        // What a create whose reply never came leaves: a node of this session that no membership holds.
        var leftover = await client.CreateAsync(path + "/scheduler_", Bytes("lost reply"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.EphemeralSequential, None);
        var othersSession = await other.CreateAsync(path + "/scheduler_", Bytes("another instance"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.EphemeralSequential, None);
        var otherLabel = await client.CreateAsync(path + "/contender_", Bytes("another label"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.EphemeralSequential, None);

        var joined = await group.JoinAsync("scheduler", Bytes("joined"), None);

        var names = (await client.GetChildrenAsync(path, None)).Names.Order(StringComparer.Ordinal);
        Assert.Equal(new[] { held.Path, othersSession, otherLabel, joined.Path }.Select(p => p[(path.Length + 1)..]).Order(StringComparer.Ordinal), names);
        Assert.DoesNotContain(leftover[(path.Length + 1)..], names);
        Assert.True(held.IsActive);
    }

    [Fact]
    public async Task A_membership_deleted_by_someone_else_ends_as_deleted()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("deleted");
        using var group = Group(client, path);

        var membership = await group.JoinAsync("member", Bytes("x"), None);
        var members = await group.WatchAsync(null, None);
        var next = group.WatchAsync(members, None);
        await other.DeleteAsync(membership.Path, -1, None);

        Assert.True((await Eventually.Within(next, "the members after the deletion")).IsEmpty);
        Assert.Equal(ZooKeeperMembershipEnd.Deleted, await Eventually.Within(membership.Ended, "the membership's end"));
    }

    [Fact]
    public async Task A_group_whose_node_does_not_exist_yet_is_empty_until_it_is_created()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("later");
        using var group = Group(client, path);

        var members = await group.WatchAsync(null, None);
        Assert.True(members.IsEmpty);

        var next = group.WatchAsync(members, None);
        using var otherGroup = Group(other, path);
        var joined = await otherGroup.JoinAsync("late", ReadOnlyMemory<byte>.Empty, None);

        Assert.Equal(joined.Member, (await Eventually.Within(next, "the first member")).Leader());
    }

    [Fact]
    public async Task Closing_the_client_ends_its_memberships_and_the_others_see_them_go()
    {
        await using var observer = await ConnectAsync(fixture.Server.EndPoint);
        var owner = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("closing");
        using var group = Group(owner, path);
        using var watching = Group(observer, path);

        var membership = await group.JoinAsync("member", ReadOnlyMemory<byte>.Empty, None);
        var members = await watching.WatchAsync(null, None);
        Assert.True(members.Contains(membership.Member));

        await owner.DisposeAsync();

        Assert.Equal(ZooKeeperMembershipEnd.ClientClosed, await Eventually.Within(membership.Ended, "the membership's end"));
        Assert.True((await Eventually.Within(watching.WatchAsync(members, None), "the members after the close")).IsEmpty);
    }

    private static MasterInfo Master(string host) => new()
    {
        Id = "master-" + host,
        Ip = 16777343,
        Port = 5050,
        Hostname = host,
        Pid = "master@127.0.0.1:5050",
        Address = new Address { Hostname = host, Ip = "127.0.0.1", Port = 5050 },
    };
}
