using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mesos.Hosting.Connection;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// The session loop: connects to one server after another until one takes the session, stays until that
/// connection ends, and starts over; pauses with backoff after a round in which no server answered; and
/// declares the session expired once no server has been heard for the whole session timeout (as Mesos's
/// group does: ZooKeeper itself would only say so once a server is reached again, too late for a leader).
/// </summary>
internal sealed partial class ZooKeeperClient
{
    private async Task RunSessionsAsync()
    {
        var servers = new ZooKeeperServerList(_options.Servers, Random.Shared);
        var backoff = new ZooKeeperBackoff(_options.ReconnectDelay, _options.MaxReconnectDelay, Random.Shared);
        var failedInRound = 0;
        try
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                ExpireIfTimedOut();
                var session = _session;
                var connection = await TryConnectAsync(servers.Next(), session, servers.Count).ConfigureAwait(false);
                if (connection is null)
                {
                    if (++failedInRound >= servers.Count)
                    {
                        failedInRound = 0;
                        await PauseAsync(backoff.Next(), servers.Count).ConfigureAwait(false);
                    }

                    continue;
                }

                failedInRound = 0;
                backoff.Reset();
                var reason = await EndOfAsync(connection).ConfigureAwait(false);
                session.Disconnected(connection);
                if (_stopped is { } stopped)
                {
                    session.End(stopped);
                    SetState(ZooKeeperState.AuthFailed, session.Id);
                    return;
                }

                if (Volatile.Read(ref _disposed) == 0)
                {
                    ZooKeeperLog.ConnectionLost(Logger, connection.Server, session.Id, reason.Message);
                    SetState(ZooKeeperState.Suspended, session.Id);
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task<Exception> EndOfAsync(ZooKeeperConnection connection)
    {
        try
        {
            return await connection.Ended.WaitAsync(_closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            connection.Close(new ObjectDisposedException(nameof(ZooKeeperClient)));
            throw;
        }
    }

    private async Task<ZooKeeperConnection?> TryConnectAsync(DnsEndPoint server, ZooKeeperSession session, int serverCount)
    {
        // As ClientCnxn: each server gets its share of the session timeout to answer; never past the
        // session's end, which must be declared on time.
        var patience = session.Timeout / serverCount;
        if (session.IsEstablished && session.Timeout - session.Silence < patience)
        {
            patience = TimeSpan.FromTicks(Math.Max((session.Timeout - session.Silence).Ticks, TimeSpan.TicksPerMillisecond));
        }

        using var attempt = new TimeLimit(patience, Time, _closing.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        NetworkStream? stream = null;
        try
        {
            ZooKeeperLog.Connecting(Logger, server, session.Id);
            await socket.ConnectAsync(server, attempt.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            await stream.WriteAsync(ZooKeeperHandshake.Frames(session, _options.Credentials), attempt.Token).ConfigureAwait(false);
            var frames = new ZooKeeperFrameReader(stream, _options.MaxFrameLength);
            var response = ZooKeeperConnectResponse.Read(await frames.ReadAsync(attempt.Token).ConfigureAwait(false));
            if (response.SessionExpired && session.IsEstablished)
            {
                stream.Dispose();
                Expire(session, $"{server.Host}:{server.Port} reports that the session has expired");
                return null;
            }

            if (response.SessionExpired || (session.IsEstablished && response.SessionId != session.Id))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the server answered with session 0x{response.SessionId:x}, timeout {Diagnostics.HumanDuration.Format(response.Timeout)}"));
            }

            var reconnected = session.IsEstablished;
            session.Establish(response);
            var connection = new ZooKeeperConnection(stream, frames, server, session, this);
            connection.Start();
            if (reconnected)
            {
                ZooKeeperLog.Reconnected(Logger, server, session.Id);
            }
            else
            {
                ZooKeeperLog.Connected(Logger, server, session.Id, Diagnostics.HumanDuration.Format(session.Timeout));
            }

            // Requests wait until the state change is out: whoever sees the connection has seen the event.
            SetState(ZooKeeperState.Connected, session.Id, then: () => session.Connected(connection));
            return connection;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            (stream ?? (IDisposable)socket).Dispose();
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            (stream ?? (IDisposable)socket).Dispose();
            var reason = attempt.Expired ? $"no answer within {patience}" : ex.Message;
            ZooKeeperLog.ServerUnreachable(Logger, server, reason);
            return null;
        }
    }

    private async Task PauseAsync(TimeSpan delay, int serverCount)
    {
        // The pause never outlasts the session: its expiry must be declared on time.
        var session = _session;
        if (session.IsEstablished)
        {
            var left = session.Timeout - session.Silence;
            delay = left < delay ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : delay;
        }

        ZooKeeperLog.NoServerAnswered(Logger, serverCount, Diagnostics.HumanDuration.Format(delay));
        await Task.Delay(delay, Time, _closing.Token).ConfigureAwait(false);
    }

    private void ExpireIfTimedOut()
    {
        var session = _session;
        if (session.HasTimedOut)
        {
            Expire(session, string.Create(CultureInfo.InvariantCulture, $"no server was reached for {Diagnostics.HumanDuration.Format(session.Silence)}, longer than the session timeout of {Diagnostics.HumanDuration.Format(session.Timeout)}"));
        }
    }

    /// <summary>Ends <paramref name="session"/>: new requests go to the next session, those waiting on this one fail.</summary>
    private void Expire(ZooKeeperSession session, string reason)
    {
        ZooKeeperLog.SessionExpired(Logger, session.Id, reason);
        _session = new ZooKeeperSession(_options.SessionTimeout, session.LastZxid, Time);
        session.End(new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, "session", null, reason));
        SetState(ZooKeeperState.Expired, session.Id);
        SetState(ZooKeeperState.Connecting, 0);
    }
}
