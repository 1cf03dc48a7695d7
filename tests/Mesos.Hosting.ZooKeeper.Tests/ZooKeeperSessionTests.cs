using Mesos.Hosting.TestSupport.ZooKeeper;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>Network faults between a client and its server, made by a proxy: the session survives short ones and expires in long ones.</summary>
public sealed class ZooKeeperSessionTests(ZooKeeperServerFixture fixture) : IClassFixture<ZooKeeperServerFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan ShortSession = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan LongSession = TimeSpan.FromSeconds(4);

    // Silence is noticed within 2/3 to 5/6 of the timeout; what is left must be enough to resume the session.
    private static readonly TimeSpan SilentSession = TimeSpan.FromSeconds(6);
    private readonly TcpProxy _proxy = new(fixture.Server.EndPoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task Watches_are_re_registered_after_a_reconnect_and_see_changes_made_meanwhile()
    {
        await using var client = await ConnectThroughProxy(LongSession, requestTimeout: TimeSpan.FromSeconds(10));
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var states = new StateRecorder(client);
        var data = UniquePath("data");
        var absent = UniquePath("absent");
        await other.CreateAsync(data, Bytes("before"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        var sessionId = client.SessionId;

        var dataWatch = await client.WatchDataAsync(data, None);
        var existsWatch = await client.WatchExistsAsync(absent, None);
        _proxy.Sever();
        await states.WaitFor(ZooKeeperState.Suspended);

        await other.SetDataAsync(data, Bytes("during"), -1, None);
        await other.CreateAsync(absent, ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        Assert.False(dataWatch.Changed.IsCompleted);
        _proxy.Restore();

        Assert.Equal(ZooKeeperWatchEventType.NodeDataChanged, (await Eventually.Within(dataWatch.Changed, "the data watch")).Type);
        Assert.Equal(ZooKeeperWatchEventType.NodeCreated, (await Eventually.Within(existsWatch.Changed, "the exists watch")).Type);
        Assert.Equal(sessionId, (await states.WaitFor(ZooKeeperState.Connected)).SessionId);
    }

    [Fact]
    public async Task Digest_credentials_are_presented_again_on_the_connection_a_session_resumes_on()
    {
        // The server keeps identities per connection, not per session: a reconnect without them reads nothing.
        var credentials = new ZooKeeperCredentials("carol", "pw");
        await using var client = await ConnectAsync([_proxy.EndPoint], options => new ZooKeeperClientOptions
        {
            Servers = options.Servers,
            SessionTimeout = LongSession,
            Credentials = credentials,
        });
        var states = new StateRecorder(client);
        var path = await client.CreateAsync(UniquePath("carol"), Bytes("hers"), ZooKeeperAcl.CreatorAll, ZooKeeperCreateMode.Persistent, None);

        _proxy.Sever();
        await states.WaitFor(ZooKeeperState.Suspended);
        _proxy.Restore();
        await states.WaitFor(ZooKeeperState.Connected);

        Assert.Equal("hers", Text((await client.GetDataAsync(path, None)).Data));
    }

    [Fact]
    public async Task A_server_gone_silent_is_left_after_two_thirds_of_the_session_timeout_and_the_session_resumes()
    {
        await using var client = await ConnectThroughProxy(SilentSession, requestTimeout: TimeSpan.FromSeconds(10));
        var states = new StateRecorder(client);
        var sessionId = client.SessionId;

        _proxy.Pause();
        var inFlight = client.ExistsAsync("/", None);
        var lost = await Assert.ThrowsAsync<ZooKeeperException>(() => inFlight);
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, lost.Code);
        Assert.Contains("sent nothing for", lost.Message, StringComparison.Ordinal);
        _proxy.Resume();

        Assert.Equal(sessionId, (await states.WaitFor(ZooKeeperState.Connected)).SessionId);
        Assert.NotNull(await client.ExistsAsync("/", None));
        Assert.Equal([ZooKeeperState.Suspended, ZooKeeperState.Connected], states.States);
    }

    [Fact]
    public async Task A_session_cut_off_for_its_whole_timeout_expires_and_everything_waiting_on_it_fails()
    {
        await using var client = await ConnectThroughProxy(ShortSession, requestTimeout: TimeSpan.FromSeconds(30));
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var states = new StateRecorder(client);
        var oldSession = client.SessionId;
        var ephemeral = await client.CreateAsync(UniquePath("ephemeral"), ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Ephemeral, None);
        var watch = await client.WatchExistsAsync(ephemeral, None);

        _proxy.Sever();
        await states.WaitFor(ZooKeeperState.Suspended);
        var waiting = client.GetDataAsync(ephemeral, None);

        var expired = await states.WaitFor(ZooKeeperState.Expired);
        Assert.Equal(oldSession, expired.SessionId);
        var failed = await Assert.ThrowsAsync<ZooKeeperException>(() => waiting);
        Assert.Equal(ZooKeeperErrorCode.SessionExpired, failed.Code);
        Assert.Equal("getData", failed.Operation);
        Assert.Equal(ZooKeeperErrorCode.SessionExpired, (await Assert.ThrowsAsync<ZooKeeperException>(() => watch.Changed)).Code);

        _proxy.Restore();
        var connected = await states.WaitFor(ZooKeeperState.Connected);
        Assert.NotEqual(oldSession, connected.SessionId);
        Assert.Equal(connected.SessionId, client.SessionId);
        await Eventually.Until(async () => await other.ExistsAsync(ephemeral, None) is null, "the old session's ephemeral node is gone");
    }

    [Fact]
    public async Task A_member_whose_session_expires_is_told_it_is_no_longer_a_member()
    {
        await using var client = await ConnectThroughProxy(ShortSession, requestTimeout: TimeSpan.FromSeconds(10));
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("group");
        using var group = Group(client, path);
        using var watching = Group(other, path);
        var membership = await group.JoinAsync("scheduler", ReadOnlyMemory<byte>.Empty, None);
        var members = await watching.WatchAsync(null, None);
        Assert.Equal(membership.Member, members.Leader());

        _proxy.Sever();

        Assert.Equal(ZooKeeperMembershipEnd.SessionExpired, await Eventually.Within(membership.Ended, "the membership's end"));
        Assert.False(membership.IsActive);
        Assert.True((await Eventually.Within(watching.WatchAsync(members, None), "the members after the expiry")).IsEmpty);
    }

    private Task<ZooKeeperClient> ConnectThroughProxy(TimeSpan sessionTimeout, TimeSpan requestTimeout) =>
        ConnectAsync([_proxy.EndPoint], options => new ZooKeeperClientOptions
        {
            Servers = options.Servers,
            SessionTimeout = sessionTimeout,
            RequestTimeout = requestTimeout,
        });
}
