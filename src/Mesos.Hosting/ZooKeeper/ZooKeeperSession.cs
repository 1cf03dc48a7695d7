namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// One ZooKeeper session as the client holds it: its id and password (what a reconnect presents), the
/// negotiated timeout, the last zxid seen, its watches, and the connection requests wait for.
/// A new session starts from the last zxid of the one before, so that it never lands on a server that
/// is behind what this client has already seen.
/// </summary>
internal sealed class ZooKeeperSession(TimeSpan requestedTimeout, long lastZxid, TimeProvider timeProvider)
{
    private const int NewSessionPasswordLength = 16;

    private readonly object _sync = new();
    private TaskCompletionSource<ZooKeeperConnection> _connected = NewConnectionSource();
    private long _lastZxid = lastZxid;
    private long _lastHeard = timeProvider.GetTimestamp();
    private bool _ended;

    /// <summary>0 until a server establishes the session.</summary>
    public long Id { get; private set; }

    public byte[] Password { get; private set; } = new byte[NewSessionPasswordLength];

    /// <summary>The timeout asked for, then the one the server granted.</summary>
    public TimeSpan Timeout { get; private set; } = requestedTimeout;

    public bool IsEstablished => Id != 0;

    public ZooKeeperWatchRegistry Watches { get; } = new();

    public long LastZxid => Interlocked.Read(ref _lastZxid);

    /// <summary>How long since a server last sent anything for this session.</summary>
    public TimeSpan Silence => timeProvider.GetElapsedTime(Interlocked.Read(ref _lastHeard));

    /// <summary>
    /// No server has heard from us for the whole session timeout: the ensemble has expired the session,
    /// although no server can tell us so until we reach one.
    /// </summary>
    public bool HasTimedOut => IsEstablished && Silence >= Timeout;

    /// <summary>
    /// The connection to send on, once there is one; faults when the session ends. A connection that has closed is not
    /// handed out while the session's loop has yet to hear of it: the request waits for the next one instead of failing
    /// at once, so that a caller retrying a lost request does not spend its tries on the dead connection.
    /// </summary>
    public Task<ZooKeeperConnection> Connection
    {
        get
        {
            lock (_sync)
            {
                if (!_ended && _connected.Task.IsCompletedSuccessfully && _connected.Task.Result.IsClosed)
                {
                    _connected = NewConnectionSource();
                }

                return _connected.Task;
            }
        }
    }

    public void SawZxid(long zxid)
    {
        var seen = Interlocked.Read(ref _lastZxid);
        while (zxid > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastZxid, zxid, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public void Heard() => Interlocked.Exchange(ref _lastHeard, timeProvider.GetTimestamp());

    public void Establish(ZooKeeperConnectResponse response)
    {
        Id = response.SessionId;
        Password = response.Password;
        Timeout = response.Timeout;
        Heard();
    }

    /// <summary>Requests may go out on <paramref name="connection"/> now; ignored if it has ended meanwhile.</summary>
    public void Connected(ZooKeeperConnection connection)
    {
        lock (_sync)
        {
            if (_ended || connection.Ended.IsCompleted)
            {
                return;
            }

            if (_connected.Task.IsCompleted)
            {
                _connected = NewConnectionSource();
            }

            _connected.SetResult(connection);
        }
    }

    /// <summary><paramref name="connection"/> has ended: requests wait for the next one.</summary>
    public void Disconnected(ZooKeeperConnection connection)
    {
        lock (_sync)
        {
            if (!_ended && _connected.Task.IsCompletedSuccessfully && _connected.Task.Result == connection)
            {
                _connected = NewConnectionSource();
            }
        }
    }

    /// <summary>The session is over: whoever waits for a connection, and every watch, fails with <paramref name="reason"/>.</summary>
    public void End(Exception reason)
    {
        lock (_sync)
        {
            _ended = true;
            if (!_connected.TrySetException(reason))
            {
                _connected = NewConnectionSource();
                _connected.SetException(reason);
            }

            // Marked observed: nobody need be waiting for a connection when the session ends.
            _ = _connected.Task.Exception;
        }

        Watches.End(reason);
    }

    private static TaskCompletionSource<ZooKeeperConnection> NewConnectionSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
