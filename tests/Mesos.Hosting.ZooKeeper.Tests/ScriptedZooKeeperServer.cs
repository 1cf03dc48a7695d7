using System.Net;
using System.Net.Sockets;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>What a client sent in its ConnectRequest.</summary>
internal sealed record ConnectRequestSeen(int ProtocolVersion, long LastZxidSeen, int Timeout, long SessionId, byte[] Password, bool ReadOnly);

/// <summary>
/// A stand-in for a server that answers each connection's ConnectRequest as a script says, to drive the
/// client through answers a real server gives only in rare timings (a session reported expired).
/// Once it has answered, it replies OK to every request, or closes the connection if the script says so.
/// </summary>
internal sealed class ScriptedZooKeeperServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, ConnectRequestSeen, (ZooKeeperConnectResponse Answer, bool ThenClose)> _script;
    private readonly List<ConnectRequestSeen> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public ScriptedZooKeeperServer(Func<int, ConnectRequestSeen, (ZooKeeperConnectResponse Answer, bool ThenClose)> script)
    {
        _script = script;
        _listener.Start();
        _serving = ServeAsync();
    }

    public DnsEndPoint EndPoint => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    public IReadOnlyList<ConnectRequestSeen> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                await using var stream = new NetworkStream(socket);
                var frames = new ZooKeeperFrameReader(stream, 1024 * 1024);
                var request = Read(new JuteReader(await frames.ReadAsync(_stop.Token), "ConnectRequest"));
                lock (_requests)
                {
                    _requests.Add(request);
                }

                var (answer, thenClose) = _script(attempt, request);
                await stream.WriteAsync(JuteWriter.Frame(w =>
                {
                    w.WriteInt32(answer.ProtocolVersion);
                    w.WriteInt32((int)answer.Timeout.TotalMilliseconds);
                    w.WriteInt64(answer.SessionId);
                    w.WriteBuffer(answer.Password);
                    w.WriteBoolean(answer.ReadOnly);
                }), _stop.Token);

                if (!thenClose)
                {
                    await ReplyOkToEverythingAsync(stream, frames);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    private async Task ReplyOkToEverythingAsync(NetworkStream stream, ZooKeeperFrameReader frames)
    {
        try
        {
            while (true)
            {
                var xid = new JuteReader(await frames.ReadAsync(_stop.Token), "request").ReadInt32();
                await stream.WriteAsync(JuteWriter.Frame(w =>
                {
                    w.WriteInt32(xid);
                    w.WriteInt64(0);
                    w.WriteInt32(0);
                }), _stop.Token);
            }
        }
        catch (IOException)
        {
            // The client hung up; take the next connection.
        }
    }

    private static ConnectRequestSeen Read(JuteReader reader) => new(
        reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadBuffer().ToArray(), reader.ReadBoolean());
}
