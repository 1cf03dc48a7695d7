using System.Collections.Concurrent;
using System.Diagnostics;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>Scheduler instances electing one leader through a real ZooKeeper server.</summary>
[Collection(SharedServer.Name)]
public sealed class LeaderElectionTests(ZooKeeperServerFixture fixture)
{
    [Fact]
    public async Task The_first_instance_leads_the_second_stands_by_and_takes_over_when_the_first_goes()
    {
        var path = UniquePath("framework");
        var first = await ConnectAsync(fixture.Server.EndPoint);
        await using var second = await ConnectAsync(fixture.Server.EndPoint);
        using var firstMetrics = new LeadershipMetrics();
        using var secondMetrics = new LeadershipMetrics();
        using var firstReadings = new LeadershipReadings(firstMetrics);
        using var secondReadings = new LeadershipReadings(secondMetrics);
        var firstElection = new ZooKeeperLeaderElection(first, path, TimeProvider.System, NullLogger.Instance, firstMetrics);
        var leading = await Eventually.Within(firstElection.LeadAsync(CancellationToken.None), "the first instance to lead");
        await using var secondElection = new ZooKeeperLeaderElection(second, path, TimeProvider.System, NullLogger.Instance, secondMetrics);
        await Eventually.Until(() => !secondElection.IsLeader && Members(first, path).Result == 2, "both instances to have joined");
        Assert.False(leading.IsCancellationRequested);
        Assert.Equal((1, 0), (firstReadings.Leading(), secondReadings.Leading()));

        await firstElection.DisposeAsync();
        await first.DisposeAsync();

        Assert.True(leading.IsCancellationRequested, "the instance that stopped gave up leading");
        await Eventually.Within(secondElection.LeadAsync(CancellationToken.None), "the second instance to lead");
        Assert.True(secondElection.IsLeader);
        Assert.Equal((0, 1), (firstReadings.Leading(), secondReadings.Leading()));
        Assert.Equal((1, 1), (firstReadings.Sum("mesos.leadership.changes", "won"), firstReadings.Sum("mesos.leadership.changes", "lost")));
        Assert.Equal((1, 0), (secondReadings.Sum("mesos.leadership.changes", "won"), secondReadings.Sum("mesos.leadership.changes", "lost")));
    }

    [Fact]
    public async Task A_leader_cut_off_from_zookeeper_stops_leading_before_another_instance_leads()
    {
        var path = UniquePath("framework");
        await using var proxy = new TcpProxy(fixture.Server.EndPoint);
        var changes = new ConcurrentQueue<(string Instance, bool Leads, long At)>();
        await using var cutOff = await ConnectAsync([proxy.EndPoint], o => new ZooKeeperClientOptions { Servers = o.Servers, SessionTimeout = TimeSpan.FromSeconds(2) });
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        await using var firstElection = new ZooKeeperLeaderElection(cutOff, path, TimeProvider.System, NullLogger.Instance, new LeadershipMetrics());
        firstElection.Changed += (_, e) => changes.Enqueue(("first", e.IsLeader, Stopwatch.GetTimestamp()));
        var leading = await Eventually.Within(firstElection.LeadAsync(CancellationToken.None), "the first instance to lead");
        await using var secondElection = new ZooKeeperLeaderElection(other, path, TimeProvider.System, NullLogger.Instance, new LeadershipMetrics());
        secondElection.Changed += (_, e) => changes.Enqueue(("second", e.IsLeader, Stopwatch.GetTimestamp()));
        await Eventually.Until(() => Members(other, path).Result == 2, "both instances to have joined");

        proxy.Pause();

        await Eventually.Within(secondElection.LeadAsync(CancellationToken.None), "the second instance to lead once the first's session expired");
        Assert.True(leading.IsCancellationRequested);
        var lost = changes.Single(c => c is { Instance: "first", Leads: false });
        var won = changes.Single(c => c is { Instance: "second", Leads: true });
        Assert.True(lost.At < won.At, "the cut-off leader stopped leading before the other instance began");
    }

    [Fact]
    public async Task A_leader_that_resigns_while_zookeeper_is_away_deletes_its_node_once_it_is_back_and_the_standby_leads()
    {
        var path = UniquePath("framework");
        await using var proxy = new TcpProxy(fixture.Server.EndPoint);

        // A session that outlives the outage, and requests that do not: the first delete fails while the node stays.
        await using var resigning = await ConnectAsync([proxy.EndPoint], o => new ZooKeeperClientOptions { Servers = o.Servers, SessionTimeout = TimeSpan.FromSeconds(30), RequestTimeout = TimeSpan.FromSeconds(1) });
        await using var other = await ConnectAsync(fixture.Server.EndPoint);
        var log = new RecordingLogger<ZooKeeperLeaderElection>();
        using var metrics = new LeadershipMetrics();
        using var readings = new LeadershipReadings(metrics);
        await using var firstElection = new ZooKeeperLeaderElection(resigning, path, TimeProvider.System, log, metrics);
        await Eventually.Within(firstElection.LeadAsync(CancellationToken.None), "the first instance to lead");
        await using var secondElection = new ZooKeeperLeaderElection(other, path, TimeProvider.System, NullLogger.Instance, new LeadershipMetrics());
        await Eventually.Until(() => Members(other, path).Result == 2, "both instances to have joined");
        var session = resigning.SessionId;

        proxy.Sever();
        var resigned = firstElection.ResignAsync().AsTask();
        await Eventually.Until(() => log.Named(nameof(LeadershipLog.LeaveFailed)).Count > 0, "the first attempt to leave to fail");
        Assert.False(resigned.IsCompleted, "the resignation ended with the node still there");
        proxy.Restore();

        await Eventually.Within(secondElection.LeadAsync(CancellationToken.None), "the standby to lead once the node is deleted");
        await Eventually.Until(() => resigned.IsCompletedSuccessfully, "the resignation to complete");
        Assert.Equal(session, resigning.SessionId);
        Assert.Equal(1, await Members(other, path));
        Assert.Equal(log.Named(nameof(LeadershipLog.LeaveFailed)).Count, readings.Sum("mesos.leadership.failures", "leave"));
    }

    [Fact]
    public async Task A_leadership_handler_that_throws_is_logged_and_the_election_goes_on()
    {
        var path = UniquePath("framework");
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        var log = new RecordingLogger<ZooKeeperLeaderElection>();
        using var metrics = new LeadershipMetrics();
        using var readings = new LeadershipReadings(metrics);
        await using var election = new ZooKeeperLeaderElection(client, path, TimeProvider.System, log, metrics);
        var wins = 0;
        election.Changed += (_, e) =>
        {
            if (e.IsLeader)
            {
                Interlocked.Increment(ref wins);
            }

            throw new InvalidOperationException("a handler's bug");
        };
        await Eventually.Within(election.LeadAsync(CancellationToken.None), "the instance to lead");
        await Eventually.Until(() => Volatile.Read(ref wins) == 1, "the handler to hear of the lead");

        // An operator deletes the leader's node: the election goes on, so the instance joins again and leads again.
        var node = (await client.GetChildrenAsync(path, CancellationToken.None)).Names.Single();
        await client.DeleteAsync($"{path}/{node}", version: -1, CancellationToken.None);

        await Eventually.Until(() => Volatile.Read(ref wins) == 2, "the instance to lead again after its node was deleted");
        Assert.True(election.IsLeader);
        Assert.NotEmpty(log.Named(nameof(LeadershipLog.HandlerFailed)));
        await Eventually.Until(() => readings.Sum("mesos.leadership.failures", "handler") == log.Named(nameof(LeadershipLog.HandlerFailed)).Count, "each failed handler to be counted");
    }

    [Fact]
    public async Task An_instance_leads_though_a_join_whose_reply_never_came_left_a_node_ahead_of_it()
    {
        var path = UniquePath("framework");
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        await client.EnsurePathAsync(path, ZooKeeperAcl.OpenUnsafe, CancellationToken.None);

        // The state a lost reply leaves: the session holds the first node, and no membership knows of it.
        var leftover = await client.CreateAsync(path + "/scheduler_", Bytes("lost reply"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.EphemeralSequential, CancellationToken.None);
        await using var election = new ZooKeeperLeaderElection(client, path, TimeProvider.System, NullLogger.Instance, new LeadershipMetrics());

        await Eventually.Within(election.LeadAsync(CancellationToken.None), "the instance to lead");
        Assert.Null(await client.ExistsAsync(leftover, CancellationToken.None));
        Assert.Equal(1, await Members(client, path));
    }

    [Fact]
    public async Task An_instance_whose_members_watch_fails_for_good_deletes_its_node_before_it_joins_again()
    {
        var path = UniquePath("framework");
        await using var proxy = new TcpProxy(fixture.Server.EndPoint);
        await using var client = await ConnectAsync([proxy.EndPoint], o => new ZooKeeperClientOptions { Servers = o.Servers, SessionTimeout = TimeSpan.FromSeconds(30) });
        var log = new RecordingLogger<ZooKeeperLeaderElection>();
        using var metrics = new LeadershipMetrics();
        using var readings = new LeadershipReadings(metrics);
        await using var election = new ZooKeeperLeaderElection(client, path, TimeProvider.System, log, metrics);
        await Eventually.Within(election.LeadAsync(CancellationToken.None), "the instance to lead");
        var first = (await client.GetChildrenAsync(path, CancellationToken.None)).Names.Single();

        // An operator adds a node while the instance's connection is held up, then takes the right to read the members
        // away: the notification of the new node reaches the instance after that, and reading the members fails with
        // NoAuth, which the watch does not retry, while the session lives on.
        async Task TakeReadingAwayAsync()
        {
            proxy.Pause();
            await ZooKeeperCommandLine.RunAsync(fixture.Server, "create", path + "/operator", "x");
            await ZooKeeperCommandLine.RunAsync(fixture.Server, "setAcl", path, "world:anyone:cdwa");
            proxy.Resume();
        }

        await TakeReadingAwayAsync();
        await Eventually.Until(() => log.Named(nameof(LeadershipLog.ElectionFailed)).Count > 0, "reading the members to fail");
        Assert.False(election.IsLeader);

        // Joining again reads the members too, and fails the same way: the pause before the next attempt doubles.
        await Eventually.Until(() => log.Named(nameof(LeadershipLog.ElectionFailed)).Count >= 2, "joining again to fail");
        Assert.Equal(["500 ms", "1 s"], log.Named(nameof(LeadershipLog.ElectionFailed)).Take(2).Select(e => e.Values["Delay"]?.ToString()));
        await ZooKeeperCommandLine.RunAsync(fixture.Server, "setAcl", path, "world:anyone:cdrwa");
        await ZooKeeperCommandLine.RunAsync(fixture.Server, "delete", path + "/operator");

        await Eventually.Within(election.LeadAsync(CancellationToken.None), "the instance to lead again");
        Assert.DoesNotContain(first, (await client.GetChildrenAsync(path, CancellationToken.None)).Names);
        Assert.Equal(1, await Members(client, path));
        Assert.Equal(log.Named(nameof(LeadershipLog.ElectionFailed)).Count, readings.Sum("mesos.leadership.failures", "election"));
        Assert.Equal((2, 1), (readings.Sum("mesos.leadership.changes", "won"), readings.Sum("mesos.leadership.changes", "lost")));

        // A join read the members again, so the pauses start over.
        var failures = log.Named(nameof(LeadershipLog.ElectionFailed)).Count;
        await TakeReadingAwayAsync();
        await Eventually.Until(() => log.Named(nameof(LeadershipLog.ElectionFailed)).Count > failures, "reading the members to fail again");
        Assert.Equal("500 ms", log.Named(nameof(LeadershipLog.ElectionFailed))[failures].Values["Delay"]?.ToString());
    }

    private static async Task<int> Members(ZooKeeperClient client, string path)
    {
        try
        {
            return (await client.GetChildrenAsync(path, CancellationToken.None)).Names.Count(n => n.StartsWith("scheduler_", StringComparison.Ordinal));
        }
        catch (ZooKeeperException)
        {
            return 0;
        }
    }
}
