namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>The session handshake against a scripted server: what the client presents, and what it makes of the answers.</summary>
public sealed class ZooKeeperHandshakeTests
{
    private static readonly byte[] Password = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Fact]
    public async Task A_reconnect_presents_the_session_and_a_server_that_reports_it_expired_starts_a_new_one()
    {
        await using var server = new ScriptedZooKeeperServer((attempt, _) => attempt switch
        {
            1 => (new ZooKeeperConnectResponse(0, TimeSpan.FromSeconds(6), 0x42, Password, false), true),
            2 => (new ZooKeeperConnectResponse(0, TimeSpan.Zero, 0, new byte[16], false), true),
            _ => (new ZooKeeperConnectResponse(0, TimeSpan.FromSeconds(6), 0x43, Password, false), false),
        });
        var logger = new RecordingLogger<ZooKeeperClient>();
        await using var client = new ZooKeeperClient(
            new ZooKeeperClientOptions { Servers = [server.EndPoint], SessionTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(2) },
            TimeProvider.System,
            logger);
        var states = new StateRecorder(client);

        var expired = await states.WaitFor(ZooKeeperState.Expired);
        var renewed = await states.WaitFor(ZooKeeperState.Connected, times: 2);

        Assert.Equal(0x42, expired.SessionId);
        Assert.Equal(0x43, renewed.SessionId);
        Assert.Equal(
            [ZooKeeperState.Connected, ZooKeeperState.Suspended, ZooKeeperState.Expired, ZooKeeperState.Connecting, ZooKeeperState.Connected],
            states.States);
        Assert.Contains("reports that the session has expired", logger.Named("SessionExpired").Single().Message, StringComparison.Ordinal);

        var (first, reconnect, fresh) = (server.Requests[0], server.Requests[1], server.Requests[2]);
        Assert.Equal((0, 0L, 5000, 0L, false), (first.ProtocolVersion, first.LastZxidSeen, first.Timeout, first.SessionId, first.ReadOnly));
        Assert.Equal(new byte[16], first.Password);
        Assert.Equal((6000, 0x42L), (reconnect.Timeout, reconnect.SessionId));
        Assert.Equal(Password, reconnect.Password);
        Assert.Equal((5000, 0L), (fresh.Timeout, fresh.SessionId));
    }
}
