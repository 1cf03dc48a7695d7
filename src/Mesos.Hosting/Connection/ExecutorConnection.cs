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
internal sealed partial class ExecutorConnection : IDisposable
{
    private readonly MesosConnectionSettings _settings;
    private readonly TimeProvider _time;
    private readonly byte[] _subscribeHead;
    private readonly byte[] _callHead;
    private readonly SemaphoreSlim _callTurn = new(1, 1);

    // Guards the kept connection and the subscriptions being opened against Dispose, which may come while a call or a
    // SUBSCRIBE is under way: it closes them, and ends connecting, so that nothing waits on an agent for a connection
    // that is gone; what was under way fails with ObjectDisposedException.
    private readonly object _gate = new();
    private readonly HashSet<HttpSocketConnection> _subscribing = [];
    private readonly CancellationTokenSource _disposing = new();
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
        if (!Track(connection))
        {
            connection.Dispose();
            throw Disposed("SUBSCRIBE", cause: null);
        }

        try
        {
            var answer = await ExchangeAsync(connection, Request(_subscribeHead, call), "SUBSCRIBE", cancellationToken).ConfigureAwait(false);
            if (answer.Status != 200)
            {
                throw await RefusalAsync("SUBSCRIBE", connection, answer, cancellationToken).ConfigureAwait(false);
            }

            var subscription = await EventSubscription<Event>.OpenAsync(connection.Body, connection, _settings.Codec, "agent", streamId: null, _settings.CallTimeout, _time, _settings.StreamReading, CheckFirst, cancellationToken).ConfigureAwait(false);

            // Once open, the subscription is its owner's to dispose, unless Dispose took (and closed) its connection first.
            if (Untrack(connection))
            {
                return subscription;
            }

            await subscription.DisposeAsync().ConfigureAwait(false);
            throw Disposed("SUBSCRIBE", cause: null);
        }
        catch (Exception ex) when (_disposed && ex is not ObjectDisposedException)
        {
            connection.Dispose();
            throw Disposed("SUBSCRIBE", ex);
        }
        catch
        {
            connection.Dispose();
            Untrack(connection);
            throw;
        }
    }

    public void Dispose()
    {
        HttpSocketConnection? kept;
        HttpSocketConnection[] subscribing;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            kept = _calls;
            _calls = null;
            subscribing = [.. _subscribing];
            _subscribing.Clear();
        }

        _disposing.Cancel();
        _disposing.Dispose();
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

        // What the registered callback is handed: the executor, framework and agent it runs for.
        if (first.Type == Event.Types.Type.Subscribed && first.Subscribed is null)
        {
            throw new MesosProtocolException("The agent's SUBSCRIBED event has no subscribed payload (executor, framework and agent info).");
        }
    }

    private async Task<HttpSocketConnection> OpenAsync(string callType, CancellationToken cancellationToken)
    {
        // Taken under the gate: once Dispose has begun, its token source may be disposed, and asking it for its token throws.
        CancellationToken disposing;
        lock (_gate)
        {
            if (_disposed)
            {
                throw Disposed(callType, cause: null);
            }

            disposing = _disposing.Token;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposing);
        try
        {
            // Not through an async helper of HttpSocketConnection's: each async method is generic code to JIT-compile
            // on the way to a starting executor's SUBSCRIBE.
            return new HttpSocketConnection(await PeerSocket.ConnectAsync(Endpoint, _settings.CallTimeout, _time, either.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (_disposed && !cancellationToken.IsCancellationRequested)
        {
            throw Disposed(callType, ex);
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

    // False once Dispose has begun; the caller closes the connection.
    private bool Track(HttpSocketConnection subscribing)
    {
        lock (_gate)
        {
            return !_disposed && _subscribing.Add(subscribing);
        }
    }

    // False when Dispose took the connection first, and closed it.
    private bool Untrack(HttpSocketConnection subscribing)
    {
        lock (_gate)
        {
            return _subscribing.Remove(subscribing);
        }
    }

    private ObjectDisposedException Disposed(string callType, Exception? cause)
        => new($"The connection to {Endpoint} was disposed while {callType} was under way.", cause);

    private ReadOnlyMemory<byte> Request(byte[] head, Call call)
    {
        var request = new ArrayBufferWriter<byte>();
        HttpRequestWriter.Write(request, head, _settings.Codec.Encode(call));
        return request.WrittenMemory;
    }
}
