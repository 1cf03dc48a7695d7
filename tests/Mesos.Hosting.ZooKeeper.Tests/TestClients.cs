using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>Clients for tests: connected before they are handed out, with a recorded log.</summary>
internal static class TestClients
{
    public static async Task<ZooKeeperClient> ConnectAsync(
        IReadOnlyList<DnsEndPoint> servers, Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null, RecordingLogger<ZooKeeperClient>? logger = null)
    {
        var options = new ZooKeeperClientOptions { Servers = servers, SessionTimeout = TimeSpan.FromSeconds(10) };
        var client = new ZooKeeperClient(configure?.Invoke(options) ?? options, TimeProvider.System, logger ?? new RecordingLogger<ZooKeeperClient>());
        using var deadline = new CancellationTokenSource(Eventually.DefaultDeadline);
        await client.WaitUntilConnectedAsync(deadline.Token);
        return client;
    }

    public static Task<ZooKeeperClient> ConnectAsync(DnsEndPoint server, Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null) =>
        ConnectAsync([server], configure);

    public static ZooKeeperGroup Group(ZooKeeperClient client, string path) => new(client, path, NullLogger.Instance);

    public static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>A fresh path for one test, so that tests sharing a server never see each other's nodes.</summary>
    public static string UniquePath(string name) => "/" + name + "-" + Guid.NewGuid().ToString("N")[..8];
}
