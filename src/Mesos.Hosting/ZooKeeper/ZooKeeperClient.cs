using System.Net;
using Mesos.Hosting.Connection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// A ZooKeeper client speaking the server's own TCP protocol: one session at a time, kept alive across
/// the servers of the ensemble, with watches that survive reconnections. When a session expires, every
/// operation and watch waiting on it fails with SESSIONEXPIRED, <see cref="StateChanged"/> says so, and
/// the client goes on with a new session: whatever the old one held (ephemeral nodes) is gone.
/// Disposing closes the session, which deletes its ephemeral nodes at once. Sending one request: wait for the
/// session's connection, number the request, send it, wait for its reply, both waits bounded by the request timeout.
/// </summary>
internal sealed partial class ZooKeeperClient : IAsyncDisposable
{
    private static readonly ZooKeeperErrorCode[] OnlyOk = [];

    private readonly ZooKeeperClientOptions _options;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _sessions;
    private volatile ZooKeeperSession _session;
    private volatile ZooKeeperException? _stopped;
    private int _state;
    private int _nextXid;
    private int _disposed;

    public ZooKeeperClient(ZooKeeperClientOptions options, TimeProvider timeProvider, ILogger<ZooKeeperClient> logger)
    {
        options.Validate();
        _options = options;
        Time = timeProvider;
        Logger = logger;
        Events = new ZooKeeperEventLoop(logger);
        _session = new ZooKeeperSession(options.SessionTimeout, lastZxid: 0, timeProvider);
        _sessions = Task.Run(RunSessionsAsync);
    }

    /// <summary>Raised on the client's event loop, in order, for every change of <see cref="State"/>. Handlers must not block.</summary>
    public event EventHandler<ZooKeeperStateChangedEventArgs>? StateChanged;

    public ZooKeeperState State => (ZooKeeperState)Volatile.Read(ref _state);

    /// <summary>The current session's id; 0 while there is none.</summary>
    public long SessionId => _session.Id;

    /// <summary>The session timeout the server granted (the one asked for until then).</summary>
    public TimeSpan SessionTimeout => _session.Timeout;

    /// <summary>The server the session is connected to now; null while disconnected.</summary>
    public DnsEndPoint? Server => _session.Connection is { IsCompletedSuccessfully: true } connected ? connected.Result.Server : null;

    public ZooKeeperCredentials? Credentials => _options.Credentials;

    internal string Chroot => _options.Chroot;

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal ZooKeeperEventLoop Events { get; }

    /// <summary>Waits until a session is connected; through expiries, until the client stops.</summary>
    public async Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfDisposed();
            try
            {
                await _session.Connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.SessionExpired)
            {
                // The next session is already being established.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var session = _session;
        if (State == ZooKeeperState.Connected)
        {
            await CloseSessionAsync().ConfigureAwait(false);
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        await _sessions.ConfigureAwait(false);
        _session.End(new ObjectDisposedException(nameof(ZooKeeperClient)));
        SetState(ZooKeeperState.Closed, 0);
        ZooKeeperLog.Closed(Logger, session.Id);
        await Events.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    /// <summary>The server refused the credentials (on the connection's reader): the client cannot go on.</summary>
    internal void OnAuthFailed(ZooKeeperConnection connection, ZooKeeperErrorCode code)
    {
        ZooKeeperLog.AuthFailed(Logger, _options.Credentials?.User ?? string.Empty, code);
        _stopped = new ZooKeeperException(code, "auth", null, $"the server refused the {ZooKeeperCredentials.Scheme} credentials of {_options.Credentials}");
        connection.Close(_stopped);
    }

    /// <summary>Sets the state and raises <see cref="StateChanged"/> on the event loop, then runs <paramref name="then"/> there.</summary>
    private void SetState(ZooKeeperState state, long sessionId, Action? then = null)
    {
        Volatile.Write(ref _state, (int)state);
        Events.Post(() => StateChanged?.Invoke(this, new ZooKeeperStateChangedEventArgs(state, sessionId)));
        if (then is not null)
        {
            Events.Post(then);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private async Task CloseSessionAsync()
    {
        try
        {
            await SendAsync(ZooKeeperOpCode.CloseSession, path: null, ZooKeeperWatchKind.None, body: null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ZooKeeperException)
        {
            // Closing is a courtesy: if it fails, the session expires on its own.
        }
    }

    private Task<ZooKeeperReply> SendAsync(
        ZooKeeperOpCode opCode, string? path, ZooKeeperWatchKind watch, Action<JuteWriter, string>? body, CancellationToken cancellationToken) =>
        SendAsync(opCode, path, watch, body, OnlyOk, cancellationToken);

    /// <summary>Sends a request; a reply with an error not in <paramref name="accepted"/> throws <see cref="ZooKeeperException"/>.</summary>
    private async Task<ZooKeeperReply> SendAsync(
        ZooKeeperOpCode opCode,
        string? path,
        ZooKeeperWatchKind watch,
        Action<JuteWriter, string>? body,
        ZooKeeperErrorCode[] accepted,
        CancellationToken cancellationToken)
    {
        var operation = ZooKeeperRequest.NameOf(opCode);
        var serverPath = path is null ? null : ZooKeeperPath.ToServer(Chroot, path);
        using var limit = new TimeLimit(_options.RequestTimeout, Time, cancellationToken);
        ZooKeeperRequest? request = null;
        try
        {
            var connection = await ConnectionAsync(operation, path, limit.Token).ConfigureAwait(false);
            var xid = Interlocked.Increment(ref _nextXid) & int.MaxValue;
            var frame = JuteWriter.Frame(w =>
            {
                w.WriteInt32(xid);
                w.WriteInt32((int)opCode);
                body?.Invoke(w, serverPath!);
            });
            request = new ZooKeeperRequest(xid, opCode, path, serverPath, watch, frame);
            connection.Send(request);
            var reply = await request.Reply.WaitAsync(limit.Token).ConfigureAwait(false);
            if (reply.Error != ZooKeeperErrorCode.Ok && !accepted.Contains(reply.Error))
            {
                throw new ZooKeeperException(reply.Error, operation, path);
            }

            return reply;
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            request?.Abandon();
            throw new ZooKeeperException(ZooKeeperErrorCode.RequestTimeout, operation, path, $"no reply within {Diagnostics.HumanDuration.Format(_options.RequestTimeout)}");
        }
        catch (OperationCanceledException)
        {
            request?.Abandon();
            throw;
        }
    }

    private async Task<ZooKeeperConnection> ConnectionAsync(string operation, string? path, CancellationToken cancellationToken)
    {
        if (_stopped is { } stopped)
        {
            throw new ZooKeeperException(stopped.Code, operation, path, stopped.Detail, stopped);
        }

        try
        {
            return await _session.Connection.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex)
        {
            // The session's failure, told as this operation's.
            throw new ZooKeeperException(ex.Code, operation, path, ex.Detail, ex);
        }
    }

    /// <summary>Reads a reply's body; a body that is not the record expected is the server's fault, told as MARSHALLINGERROR.</summary>
    private static T Parse<T>(ZooKeeperReply reply, ZooKeeperOpCode opCode, string path, Func<JuteReader, T> read)
    {
        var operation = ZooKeeperRequest.NameOf(opCode);
        try
        {
            var reader = new JuteReader(reply.Body, operation + " reply");
            var value = read(reader);
            reader.ExpectEnd();
            return value;
        }
        catch (InvalidDataException ex)
        {
            throw new ZooKeeperException(ZooKeeperErrorCode.MarshallingError, operation, path, ex.Message, ex);
        }
    }
}
