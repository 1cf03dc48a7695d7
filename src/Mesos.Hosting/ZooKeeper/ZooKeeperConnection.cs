using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// One socket to one server, once the session is settled on it: requests go out in order, replies come
/// back in the same order and are matched by xid, pings keep the session alive, and silence ends it.
/// Whatever ends the connection fails every request still waiting with CONNECTIONLOSS.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The stop source has no timer and no links: cancelling it is all it needs, and its token outlives Close in the loops.")]
internal sealed partial class ZooKeeperConnection
{
    private static readonly byte[] PingFrame = JuteWriter.Frame(w =>
    {
        w.WriteInt32(ZooKeeperXids.Ping);
        w.WriteInt32((int)ZooKeeperOpCode.Ping);
    });

    private readonly Channel<(byte[] Frame, ZooKeeperRequest? Request)> _outgoing =
        Channel.CreateUnbounded<(byte[] Frame, ZooKeeperRequest? Request)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Queue<ZooKeeperRequest> _pending = new();
    private readonly object _sync = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Exception> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly NetworkStream _stream;
    private readonly ZooKeeperFrameReader _frames;
    private readonly ZooKeeperSession _session;
    private readonly ZooKeeperClient _client;
    private Exception? _closedBecause;

    public ZooKeeperConnection(NetworkStream stream, ZooKeeperFrameReader frames, DnsEndPoint server, ZooKeeperSession session, ZooKeeperClient client)
    {
        _stream = stream;
        _frames = frames;
        _session = session;
        _client = client;
        Server = server;
    }

    public DnsEndPoint Server { get; }

    /// <summary>Completes, with the reason, when the connection has ended.</summary>
    public Task<Exception> Ended => _ended.Task;

    /// <summary>Closed already: a request sent now would only fail. True from the start of <see cref="Close"/>, before <see cref="Ended"/>.</summary>
    public bool IsClosed => Volatile.Read(ref _closedBecause) is not null;

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(PingLoopAsync);
    }

    public void Send(ZooKeeperRequest request)
    {
        if (!_outgoing.Writer.TryWrite((request.Frame, request)))
        {
            request.Fail(request.ConnectionLost(_closedBecause ?? new IOException("the connection is closed")));
        }
    }

    /// <summary>Ends the connection; idempotent. Requests in flight fail, in order, on the event loop.</summary>
    public void Close(Exception reason)
    {
        var unanswered = new List<ZooKeeperRequest>();
        lock (_sync)
        {
            if (_closedBecause is not null)
            {
                return;
            }

            _closedBecause = reason;
            unanswered.AddRange(_pending);
            _pending.Clear();
        }

        _outgoing.Writer.TryComplete();
        while (_outgoing.Reader.TryRead(out var queued))
        {
            if (queued.Request is { } request)
            {
                unanswered.Add(request);
            }
        }

        _stop.Cancel();
        _stream.Dispose();
        _client.Events.Post(() =>
        {
            foreach (var request in unanswered)
            {
                request.Fail(request.ConnectionLost(reason));
            }
        });
        _ended.TrySetResult(reason);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out var item))
                {
                    if (item.Request is null || Track(item.Request))
                    {
                        await _stream.WriteAsync(item.Frame, _stop.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Close(ex);
        }
    }

    // A request joins the pending queue before its bytes leave, so that its reply always finds it.
    private bool Track(ZooKeeperRequest request)
    {
        lock (_sync)
        {
            if (_closedBecause is not null)
            {
                request.Fail(request.ConnectionLost(_closedBecause));
                return false;
            }

            if (request.IsAbandoned)
            {
                return false;
            }

            _pending.Enqueue(request);
            return true;
        }
    }

    private async Task PingLoopAsync()
    {
        // As ClientCnxn: a ping every third of the session timeout, and a connection silent for two thirds
        // is dead. Looking six times per timeout notices the silence within a sixth of it, leaving the rest
        // of the session to reconnect in.
        var pingInterval = _session.Timeout / 3;
        var readTimeout = _session.Timeout * 2 / 3;
        var lastPing = _client.Time.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(_session.Timeout / 6, _client.Time, _stop.Token).ConfigureAwait(false);
                var silence = _session.Silence;
                if (silence >= readTimeout)
                {
                    Close(new TimeoutException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{Server.Host}:{Server.Port} sent nothing for {silence.TotalMilliseconds:F0} ms, two thirds of the session timeout")));
                    return;
                }

                if (_client.Time.GetElapsedTime(lastPing) >= pingInterval)
                {
                    lastPing = _client.Time.GetTimestamp();
                    _outgoing.Writer.TryWrite((PingFrame, null));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection closed.
        }
    }
}
