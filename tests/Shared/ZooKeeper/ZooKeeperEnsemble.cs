using System.Globalization;
using System.Net;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>
/// A real ZooKeeper ensemble on loopback: each member with its own client, quorum and election ports and
/// its own folder. Disposing kills every member and deletes the folders.
/// </summary>
public sealed class ZooKeeperEnsemble : IAsyncDisposable
{
    private readonly string _folder;

    private ZooKeeperEnsemble(string folder, IReadOnlyList<ZooKeeperServer> servers)
    {
        _folder = folder;
        Servers = servers;
    }

    public IReadOnlyList<ZooKeeperServer> Servers { get; }

    public IReadOnlyList<DnsEndPoint> EndPoints => Servers.Select(server => server.EndPoint).ToList();

    public string ConnectString => string.Join(',', Servers.Select(server => server.ConnectString));

    /// <summary>Starts <paramref name="size"/> members and waits until every one serves (a leader is elected).</summary>
    public static Task<ZooKeeperEnsemble> StartAsync(int size = 3) => ZooKeeperServer.WithFreshPortsAsync(() => StartOnFreePortsAsync(size));

    private static async Task<ZooKeeperEnsemble> StartOnFreePortsAsync(int size)
    {
        var folder = Path.Combine(Path.GetTempPath(), "zk-ensemble-" + Guid.NewGuid().ToString("N"));
        var ports = FreePorts.Take(size * 3);
        var members = Enumerable.Range(1, size)
            .Select(id => string.Create(CultureInfo.InvariantCulture, $"server.{id}=127.0.0.1:{ports[(id * 3) - 2]}:{ports[(id * 3) - 1]}"))
            .ToList();
        var servers = Enumerable.Range(1, size)
            .Select(id => new ZooKeeperServer(Path.Combine(folder, "server" + id), id, ports[(id - 1) * 3], members, ownsFolder: false))
            .ToList();
        var ensemble = new ZooKeeperEnsemble(folder, servers);
        try
        {
            servers.ForEach(server => server.Start());
            await Task.WhenAll(servers.Select(server => server.WaitUntilServingAsync(TimeSpan.FromSeconds(60))));
            return ensemble;
        }
        catch
        {
            await ensemble.DisposeAsync();
            throw;
        }
    }

    /// <summary>The member serving on <paramref name="endPoint"/>'s port.</summary>
    public ZooKeeperServer ServerAt(DnsEndPoint endPoint) => Servers.Single(server => server.ClientPort == endPoint.Port);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        ZooKeeperServer.DeleteFolder(_folder);
    }
}
