using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>
/// A listening socket that takes one connection at a time, reads requests as they come and writes whatever the test
/// says: a peer with no HTTP stack of its own, so that every byte of every answer is the test's.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<byte> _received = [];
    private Socket? _socket;
    private int _consumed;

    public Uri Uri { get; private set; } = null!;

    /// <summary>Connections taken so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Whether a connection beyond the one taken is waiting to be accepted.</summary>
    public bool AnotherConnectionWaiting => _listener.Pending();

    /// <summary>Listens on a free port of 127.0.0.1; <see cref="Uri"/> names <paramref name="path"/> there.</summary>
    public static Task<RawPeer> StartAsync(string path)
    {
        var peer = new RawPeer();
        peer._listener.Start();
        peer.Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)peer._listener.LocalEndpoint).Port}{path}");
        return Task.FromResult(peer);
    }

    /// <summary>The next <paramref name="count"/> requests on the connection taken (taking the first if none is): each head, and its body as text.</summary>
    public async Task<List<(string Head, string Body)>> ReadRequestsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        if (_socket is null)
        {
            await AcceptAsync(deadline.Token);
        }

        var requests = new List<(string Head, string Body)>();
        var buffer = new byte[4096];
        while (requests.Count < count)
        {
            if (TryTakeRequest() is { } request)
            {
                requests.Add(request);
                continue;
            }

            var read = await _socket!.ReceiveAsync(buffer, deadline.Token);
            Assert.True(read > 0, $"the connection closed after {requests.Count} of {count} requests");
            _received.AddRange(buffer.AsSpan(0, read));
        }

        return requests;
    }

    public async Task WriteAsync(string answers) => await WriteAsync(Encoding.ASCII.GetBytes(answers));

    public async Task WriteAsync(ReadOnlyMemory<byte> answers) => await _socket!.SendAsync(answers);

    /// <summary>Closes the connection taken; the next read takes the next one.</summary>
    public void CloseConnection()
    {
        _socket?.Dispose();
        _socket = null;
        _received.Clear();
        _consumed = 0;
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        _socket = await _listener.AcceptSocketAsync(cancellationToken);
        Connections++;
    }

    private (string Head, string Body)? TryTakeRequest()
    {
        var text = Encoding.ASCII.GetString(_received.ToArray(), _consumed, _received.Count - _consumed);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var head = text[..end];
        var length = int.Parse(head[(head.IndexOf("Content-Length: ", StringComparison.Ordinal) + "Content-Length: ".Length)..], System.Globalization.CultureInfo.InvariantCulture);
        if (text.Length < end + 4 + length)
        {
            return null;
        }

        _consumed += end + 4 + length;
        return (head + "\r\n", text.Substring(end + 4, length));
    }
}
