using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Mesos.Hosting.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Connection;

/// <summary>
/// One HTTP/1.1 connection to a master on which calls are pipelined, as Mesos's own scheduler library sends them: each
/// request is written without waiting for the answers to those before it, and libprocess answers them in the order they
/// came. Requests made while a write is under way, or while the answers of one read are handed out, go out together in
/// one write, and answers that arrive together are read in one read, so a busy acknowledgement lane costs a few system
/// calls per batch where a connection per call in flight costs four per call.
/// <para>
/// Only a 200 or 202 counts as answered here. Any other status, an answer that is not HTTP, a connection that fails or
/// closes, or calls left unanswered for the call timeout end that call, and every one after it, with <c>false</c>: the
/// caller sends them again its ordinary way, where redirects, refusals and errors are handled as for every other call.
/// The connection is then <see cref="IsBroken"/> and takes no more calls. A call sent twice that way is one the master
/// may have had twice, which is why only calls that are harmless to repeat (acknowledgements) are pipelined.
/// </para>
/// </summary>
internal sealed class PipelinedCalls : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<bool>> _unanswered = new();
    private readonly Uri _endpoint;
    private readonly byte[] _head;
    private readonly SslClientAuthenticationOptions? _tls;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ITimer _watch;
    private readonly ILogger _logger;
    private ArrayBufferWriter<byte> _pending = new();
    private ArrayBufferWriter<byte> _spare = new();
    private Stream? _stream;
    private long _lastProgress;

    // Until the connection is open, requests only gather in _pending, as they do while a write is under way.
    private bool _writing = true;
    private bool _corked;
    private bool _broken;

    /// <summary>
    /// Opens the connection to <paramref name="endpoint"/> in the background; each request carries
    /// <paramref name="headers"/> (with <c>Content-Length</c> added), and calls go out once it is open.
    /// </summary>
    public PipelinedCalls(Uri endpoint, IEnumerable<KeyValuePair<string, string>> headers, SslClientAuthenticationOptions? tls, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        _logger = logger;
        _endpoint = endpoint;
        _tls = tls;
        _timeout = timeout;
        _time = time;
        var host = endpoint.GetComponents(UriComponents.Host | UriComponents.Port, UriFormat.UriEscaped);
        var head = new StringBuilder($"POST {endpoint.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        _head = Encoding.ASCII.GetBytes(head.Append("Content-Length: ").ToString());
        _lastProgress = time.GetTimestamp();
        var check = timeout / 4 > TimeSpan.Zero ? timeout / 4 : timeout;
        _watch = time.CreateTimer(_ => BreakIfSilent(), null, check, check);
        _ = RunAsync();
    }

    /// <summary>True once the connection failed or was closed: every call it still held ended with <c>false</c>.</summary>
    public bool IsBroken
    {
        get
        {
            lock (_gate)
            {
                return _broken;
            }
        }
    }

    /// <summary>
    /// Sends an encoded call: true once the master answered it 200 or 202; false when the caller must send it again its
    /// ordinary way (see the class). Callers bound how many calls they keep in flight.
    /// </summary>
    public Task<bool> SendAsync(ReadOnlySpan<byte> body)
    {
        // Completed on the reading loop, where the caller's continuation may send its next call into the same batch.
        var answered = new TaskCompletionSource<bool>();
        lock (_gate)
        {
            if (_broken)
            {
                return Task.FromResult(false);
            }

            if (_unanswered.Count == 0)
            {
                _lastProgress = _time.GetTimestamp();
            }

            _unanswered.Enqueue(answered);
            _pending.Write(_head);
            Span<byte> length = stackalloc byte[16];
            Utf8Formatter.TryFormat(body.Length, length, out var digits);
            _pending.Write(length[..digits]);
            _pending.Write("\r\n\r\n"u8);
            _pending.Write(body);
            if (!StartWriting())
            {
                return answered.Task;
            }
        }

        _ = WriteAsync();
        return answered.Task;
    }

    public void Dispose() => Break(reason: null);

    private async Task RunAsync()
    {
        var reason = "the master closed the connection";
        try
        {
            var stream = await ConnectAsync().ConfigureAwait(false);
            bool write;
            lock (_gate)
            {
                _stream = stream;
                _writing = false;
                write = StartWriting();
            }

            if (write)
            {
                _ = WriteAsync();
            }

            reason = await ReadAnswersAsync(stream).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever it was, the calls it held go the ordinary way, which reports what is wrong with the master.
            reason = ex.Message;
        }
        finally
        {
            Break(reason);
        }
    }

    private async Task<Stream> ConnectAsync()
    {
        using var connecting = new CancellationTokenSource(_timeout, _time);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            EndPoint master = _endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                ? new IPEndPoint(IPAddress.Parse(_endpoint.DnsSafeHost), _endpoint.Port)
                : new DnsEndPoint(_endpoint.IdnHost, _endpoint.Port);
            await socket.ConnectAsync(master, connecting.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                await secure.AuthenticateAsClientAsync(_tls, connecting.Token).ConfigureAwait(false);
                stream = secure;
            }

            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // The answers, in the order the requests went: each completes the oldest call still unanswered. Returns why it stopped.
    private async Task<string> ReadAnswersAsync(Stream stream)
    {
        var answers = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        while (true)
        {
            var read = await answers.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            Cork(true);
            try
            {
                while (HttpAnswerReader.TryRead(ref buffer, out var answer))
                {
                    if (answer.Status is not (200 or 202))
                    {
                        return $"the master answered a call {answer.Status}";
                    }

                    if (!Answered())
                    {
                        return "the master sent an answer to no call";
                    }

                    if (answer.ClosesConnection)
                    {
                        return "the master closed the connection after an answer (Connection: close)";
                    }
                }
            }
            finally
            {
                Cork(false);
            }

            if (read.IsCompleted)
            {
                return "the master closed the connection";
            }

            answers.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // The oldest call unanswered is answered; false when there was none.
    private bool Answered()
    {
        TaskCompletionSource<bool>? oldest;
        lock (_gate)
        {
            if (!_unanswered.TryDequeue(out oldest))
            {
                return false;
            }

            _lastProgress = _time.GetTimestamp();
        }

        oldest.SetResult(true);
        return true;
    }

    // While the answers of one read are handed out, the calls their callers make next wait to go out in one write.
    private void Cork(bool corked)
    {
        lock (_gate)
        {
            _corked = corked;
            if (corked || !StartWriting())
            {
                return;
            }
        }

        _ = WriteAsync();
    }

    // Under the gate: whether the caller is to start writing what is pending.
    private bool StartWriting()
    {
        if (_writing || _corked || _broken || _pending.WrittenCount == 0)
        {
            return false;
        }

        _writing = true;
        return true;
    }

    private async Task WriteAsync()
    {
        try
        {
            while (true)
            {
                ArrayBufferWriter<byte> batch;
                lock (_gate)
                {
                    if (_broken || _pending.WrittenCount == 0)
                    {
                        _writing = false;
                        return;
                    }

                    batch = _pending;
                    _pending = _spare;
                    _spare = batch;
                }

                await _stream!.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
                lock (_gate)
                {
                    batch.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Break(ex.Message);
        }
    }

    private void BreakIfSilent()
    {
        int unanswered;
        lock (_gate)
        {
            unanswered = _unanswered.Count;
            if (unanswered == 0 || _time.GetElapsedTime(_lastProgress) < _timeout)
            {
                return;
            }
        }

        Break($"the master left {unanswered} calls unanswered for {HumanDuration.Format(_timeout)}");
    }

    // Every call still unanswered goes again the ordinary way; the connection takes no more. A reason is the peer's
    // doing, and logged once; none is the owner's disposal.
    private void Break(string? reason)
    {
        TaskCompletionSource<bool>[] unanswered;
        Stream? stream;
        lock (_gate)
        {
            if (_broken)
            {
                return;
            }

            _broken = true;
            unanswered = [.. _unanswered];
            _unanswered.Clear();
            stream = _stream;
        }

        _watch.Dispose();
        stream?.Dispose();
        if (reason is not null)
        {
            ConnectionLog.PipelineBroke(_logger, _endpoint, unanswered.Length, reason);
        }

        foreach (var call in unanswered)
        {
            call.TrySetResult(false);
        }
    }
}
