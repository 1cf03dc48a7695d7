using System.Text;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>
/// Watches a scheduler election from outside, as an operator with zkCli would: every change of its leader, named by
/// the process ID each instance writes into its node.
/// </summary>
internal sealed class ElectionWatch : IAsyncDisposable
{
    private readonly ZooKeeperClient _client;
    private readonly ZooKeeperGroup _group;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watching;

    public ElectionWatch(System.Net.DnsEndPoint server, string path)
    {
        _client = new ZooKeeperClient(new ZooKeeperClientOptions { Servers = [server] }, TimeProvider.System, NullLogger<ZooKeeperClient>.Instance);
        _group = new ZooKeeperGroup(_client, path, NullLogger.Instance);
        _watching = WatchAsync();
    }

    /// <summary>Each leader in turn, as the data of its node (<c>host (process N)</c>); empty while there is none.</summary>
    public Observed<string> Leaders { get; } = new();

    /// <summary>The process IDs of the leaders, in the order they led.</summary>
    public List<int> LeaderProcesses() => Leaders.Snapshot().Where(l => l.Length > 0)
        .Select(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
            // Stopped watching.
        }

        _group.Dispose();
        await _client.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task WatchAsync()
    {
        var last = (string?)null;
        await foreach (var members in _group.WatchMembersAsync(_stopping.Token))
        {
            var leader = members.Leader("scheduler");
            var data = leader is null ? null : await _group.GetDataAsync(leader, _stopping.Token);
            var text = data is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : string.Empty;
            if (text != last)
            {
                Leaders.Add(text);
                last = text;
            }
        }
    }
}
