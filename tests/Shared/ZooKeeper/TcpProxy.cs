using System.Net;
using System.Net.Sockets;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>
/// A loopback TCP proxy in front of a server, to make network faults on demand: <see cref="Sever"/> cuts
/// every connection and refuses new ones (a partition), <see cref="Pause"/> holds every byte in both
/// directions while the connections stay open (a silent peer).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _target;
    private readonly List<Socket> _sockets = [];
    private readonly object _sync = new();
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = Open();
    private bool _refusing;

    public TcpProxy(DnsEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public DnsEndPoint EndPoint => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    /// <summary>How many connections the proxy has accepted, refused ones included.</summary>
    public int Accepted { get; private set; }

    /// <summary>Closes every connection, and every new one at once, until <see cref="Restore"/>.</summary>
    public void Sever()
    {
        lock (_sync)
        {
            _refusing = true;
            _sockets.ForEach(socket => socket.Dispose());
            _sockets.Clear();
        }
    }

    public void Restore()
    {
        lock (_sync)
        {
            _refusing = false;
        }
    }

    /// <summary>Stops forwarding bytes, both ways, until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_sync)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_sync)
        {
            _flowing.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        Sever();
        Resume();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The listener stopped.
        }
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var client = await _listener.AcceptSocketAsync();
            Accepted++;
            bool refusing;
            lock (_sync)
            {
                refusing = _refusing;
            }

            if (refusing)
            {
                client.Dispose();
                continue;
            }

            _ = LinkAsync(client);
        }
    }

    private async Task LinkAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_target);
            lock (_sync)
            {
                if (_refusing)
                {
                    throw new SocketException((int)SocketError.ConnectionRefused);
                }

                _sockets.Add(client);
                _sockets.Add(server);
            }

            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // One side went away; the other follows below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                Task flowing;
                lock (_sync)
                {
                    flowing = _flowing.Task;
                }

                await flowing;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Severed.
        }
    }
}
