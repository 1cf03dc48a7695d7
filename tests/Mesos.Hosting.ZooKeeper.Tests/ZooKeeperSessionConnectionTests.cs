using System.Net;
using System.Net.Sockets;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>
/// Which connection a session hands its requests in the moment after that connection closed, before the session's
/// loop has heard of it: a store retrying a lost write at once spent all its tries on the dead one.
/// </summary>
public sealed class ZooKeeperSessionConnectionTests(ZooKeeperServerFixture fixture) : IClassFixture<ZooKeeperServerFixture>
{
    [Fact]
    public async Task A_closed_connection_is_not_handed_out_and_requests_wait_for_the_next_one()
    {
        await using var client = await ConnectAsync(fixture.Server.EndPoint);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var near = new TcpClient();
        await near.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var far = await listener.AcceptTcpClientAsync();
        var session = new ZooKeeperSession(TimeSpan.FromSeconds(10), lastZxid: 0, TimeProvider.System);
        var stream = near.GetStream();
        var connection = new ZooKeeperConnection(stream, new ZooKeeperFrameReader(stream, 1024), new DnsEndPoint("127.0.0.1", 2181), session, client);
        session.Connected(connection);
        Assert.Same(connection, await session.Connection);

        connection.Close(new IOException("reset by the test"));

        Assert.False(session.Connection.IsCompleted);
    }
}
