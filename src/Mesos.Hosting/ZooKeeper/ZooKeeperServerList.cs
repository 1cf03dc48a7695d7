using System.Net;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>The ensemble in a shuffled order, walked round and round, so that clients spread over the servers.</summary>
internal sealed class ZooKeeperServerList
{
    private readonly DnsEndPoint[] _servers;
    private int _next;

    public ZooKeeperServerList(IReadOnlyList<DnsEndPoint> servers, Random random)
    {
        _servers = [.. servers];
        random.Shuffle(_servers);
    }

    public int Count => _servers.Length;

    public DnsEndPoint Next()
    {
        var server = _servers[_next];
        _next = (_next + 1) % _servers.Length;
        return server;
    }
}
