using System.Buffers;
using System.Net.Sockets;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Connection;

/// <summary>
/// An executor's HTTP connections to its agent: one for each SUBSCRIBE, which then carries only its event stream, with
/// no timeout, and one kept open for UPDATE, MESSAGE and HEARTBEAT, which go one at a time. The agent never redirects
/// and names no stream. They are plain sockets speaking HTTP/1.1 (<see cref="HttpSocketConnection"/>), not an
/// <c>HttpClient</c>: an agent is always reached at the ip:port it gave, over http, and an executor's start-up, which every
/// task of a new executor waits for, is shorter by what compiling <c>HttpClient</c>'s handler would take.
/// </summary>
internal sealed class ExecutorConnection : IDisposable
{
    private readonly MesosConnectionSettings _settings;
    private readonly TimeProvider _time;
    private readonly byte[] _subscribeHead;
    private readonly byte[] _callHead;
    private readonly SemaphoreSlim _callTurn = new(1, 1);

    // Guards the kept connection and the subscriptions being opened against Dispose, which may come while a call or a
    // SUBSCRIBE is under way: it closes them, so that nothing waits on an agent for a connection that is gone.
    private readonly object _gate = new();
    private readonly HashSet<HttpSocketConnection> _subscribing = [];
    private HttpSocketConnection? _calls;
    private volatile bool _disposed;

    public ExecutorConnection(Uri agent, MesosConnectionSettings settings, TimeProvider time)
    {
        Endpoint = new Uri(agent, "api/v1/executor");
        _settings = settings;
        _time = time;
        _subscribeHead = HttpRequestWriter.Head(Endpoint, MesosHttp.CallHeaders(settings.Codec, accept: true, settings.Authorization, streamId: null));
        _callHead = HttpRequestWriter.Head(Endpoint, MesosHttp.CallHeaders(settings.Codec, accept: false, settings.Authorization, streamId: null));
    }

    public Uri Endpoint { get; }

    private string Peer => $"The Mesos agent at {Endpoint}";

    /// <summary>
    /// Sends SUBSCRIBE and returns the subscription once its first event is SUBSCRIBED (or SHUTDOWN, from an
    /// agent shutting the executor down). Throws <see cref="MesosUnavailableException"/> when the agent cannot
    /// serve now, <see cref="MesosCallException"/> when it refuses this executor.
    /// </summary>
    public async Task<EventSubscription<Event>> SubscribeAsync(Call call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await OpenAsync("SUBSCRIBE", cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
            {
                connection.Dispose();
                throw new ObjectDisposedException(nameof(ExecutorConnection));
            }

            _subscribing.Add(connection);
        }

        try
        {
            var answer = await ExchangeAsync(connection, Request(_subscribeHead, call), "SUBSCRIBE", cancellationToken).ConfigureAwait(false);
            if (answer.Status == 200)
            {
                return await EventSubscription<Event>.OpenAsync(connection.Body, connection, _settings.Codec, "agent", streamId: null, _settings.CallTimeout, _time, _settings.StreamReading, CheckFirst, cancellationToken).ConfigureAwait(false);
            }

            throw await RefusalAsync("SUBSCRIBE", connection, answer, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        finally
        {
            // Once open, the subscription is its owner's to dispose.
            lock (_gate)
            {
                _subscribing.Remove(connection);
            }
        }
    }

    /// <summary>
    /// Sends UPDATE, MESSAGE or HEARTBEAT on the call connection, after the calls before it: each waits its turn for at
    /// most the call timeout, as it would wait for its own answer.
    /// </summary>
    public async Task SendAsync(Call call, CancellationToken cancellationToken)
    {
        var callType = MesosNames.Of(call.Type);
        var request = Request(_callHead, call);
        await TakeTurnAsync(callType, cancellationToken).ConfigureAwait(false);
        Exception? refusal;
        try
        {
            var (connection, answer) = await SendOnCallConnectionAsync(request, callType, cancellationToken).ConfigureAwait(false);

            // The body is read either way: what a refusal says, or whatever an accepted call carries (Mesos sends nothing),
            // after which the connection can take the next call.
            refusal = answer.Status is 200 or 202 ? null : await RefusalAsync(callType, connection, answer, cancellationToken).ConfigureAwait(false);
            if (refusal is null && !connection.Body.Ended)
            {
                await MesosHttp.ReadTextAsync(connection.Body, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
            }

            if (!connection.Reusable)
            {
                DropCallConnection();
            }
        }
        catch
        {
            DropCallConnection();
            throw;
        }
        finally
        {
            _callTurn.Release();
        }

        if (refusal is not null)
        {
            throw refusal;
        }
    }

    public void Dispose()
    {
        HttpSocketConnection? kept;
        HttpSocketConnection[] subscribing;
        lock (_gate)
        {
            _disposed = true;
            kept = _calls;
            _calls = null;
            subscribing = [.. _subscribing];
            _subscribing.Clear();
        }

        kept?.Dispose();
        foreach (var connection in subscribing)
        {
            connection.Dispose();
        }
    }

    // An agent that is shutting the executor down answers 200 and then SHUTDOWN instead of SUBSCRIBED.
    internal static void CheckFirst(Event first)
    {
        if (first.Type is not (Event.Types.Type.Subscribed or Event.Types.Type.Shutdown))
        {
            throw new MesosProtocolException($"The first event of an executor subscription was {MesosNames.Of(first.Type)}, not SUBSCRIBED.");
        }
    }

    private async Task TakeTurnAsync(string callType, CancellationToken cancellationToken)
    {
        using var limit = new TimeLimit(_settings.CallTimeout, _time, cancellationToken);
        try
        {
            await _callTurn.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"{Endpoint} could not take {callType} within {HumanDuration.Format(_settings.CallTimeout)}: the calls before it were still waiting for the agent.", ex);
        }
    }

    // A kept connection the agent has closed since its last answer fails before any byte of an answer comes: the call
    // goes once more on a new connection. That delivers it twice only where the agent read it and closed without a word
    // of answer, and the agent ignores an UPDATE it already has (by its UUID).
    private async Task<(HttpSocketConnection Connection, HttpAnswerHead Answer)> SendOnCallConnectionAsync(ReadOnlyMemory<byte> request, string callType, CancellationToken cancellationToken)
    {
        HttpSocketConnection? kept;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            kept = _calls;
        }

        if (kept is not null)
        {
            try
            {
                return (kept, await ExchangeAsync(kept, request, callType, cancellationToken).ConfigureAwait(false));
            }
            catch (MesosUnavailableException ex) when (ex.InnerException is IOException && !kept.AnswerStarted && !cancellationToken.IsCancellationRequested && !_disposed)
            {
                DropCallConnection();
            }
        }

        var connection = await OpenAsync(callType, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
            {
                connection.Dispose();
                throw new ObjectDisposedException(nameof(ExecutorConnection));
            }

            _calls = connection;
        }

        return (connection, await ExchangeAsync(connection, request, callType, cancellationToken).ConfigureAwait(false));
    }

    private async Task<HttpSocketConnection> OpenAsync(string callType, CancellationToken cancellationToken)
    {
        try
        {
            // Not through an async helper of HttpSocketConnection's: each async method is generic code to JIT-compile
            // on the way to a starting executor's SUBSCRIBE.
            return new HttpSocketConnection(await PeerSocket.ConnectAsync(Endpoint, tls: null, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"Could not reach {Endpoint} for {callType}: no connection within {HumanDuration.Format(_settings.CallTimeout)}.", ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            throw new MesosUnavailableException($"Could not reach {Endpoint} for {callType}: {ex.Message}", ex);
        }
    }

    // Sends the request and reads its answer's head, within the call timeout.
    private async Task<HttpAnswerHead> ExchangeAsync(HttpSocketConnection connection, ReadOnlyMemory<byte> request, string callType, CancellationToken cancellationToken)
    {
        using var limit = new TimeLimit(_settings.CallTimeout, _time, cancellationToken);
        try
        {
            return await connection.SendAsync(request, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"{Endpoint} did not answer {callType} within {HumanDuration.Format(_settings.CallTimeout)}.", ex);
        }
        catch (IOException ex)
        {
            throw new MesosUnavailableException($"Could not reach {Endpoint} for {callType}: {ex.Message}", ex);
        }
        catch (MesosProtocolException ex)
        {
            throw new MesosUnavailableException($"{Peer} answered {callType} with what is not HTTP/1.1: {ex.Message}", ex);
        }
    }

    private async Task<Exception> RefusalAsync(string callType, HttpSocketConnection connection, HttpAnswerHead answer, CancellationToken cancellationToken)
    {
        var text = await MesosHttp.ReadTextAsync(connection.Body, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
        return PeerAnswer.Classify(Peer, callType, answer.Status, text, PeerAnswer.RetryAfter(answer.RetryAfter, _time.GetUtcNow()));
    }

    private void DropCallConnection()
    {
        HttpSocketConnection? dropped;
        lock (_gate)
        {
            dropped = _calls;
            _calls = null;
        }

        dropped?.Dispose();
    }

    private ReadOnlyMemory<byte> Request(byte[] head, Call call)
    {
        var request = new ArrayBufferWriter<byte>();
        HttpRequestWriter.Write(request, head, _settings.Codec.Encode(call));
        return request.WrittenMemory;
    }
}
