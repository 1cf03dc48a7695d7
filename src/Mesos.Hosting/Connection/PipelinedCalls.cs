using System.IO.Pipelines;
using System.Net.Security;
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
/// closes, or a call left unanswered for the call timeout (noticed within a quarter of it) end that call, and every one
/// after it, with <c>false</c>: the
/// caller sends them again its ordinary way, where redirects, refusals and errors are handled as for every other call.
/// The connection is then <see cref="IsBroken"/> and takes no more calls. A call sent twice that way is one the master
/// may have had twice, which is why only calls that are harmless to repeat (acknowledgements) are pipelined.
/// </para>
/// </summary>
internal sealed class PipelinedCalls : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<Unanswered> _unanswered = new();
    private readonly Uri _endpoint;
    private readonly byte[] _head;
    private readonly SslClientAuthenticationOptions? _tls;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ITimer _watch;
    private readonly ILogger _logger;
    private readonly BatchingWriter _writer;
    private Stream? _stream;
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
        _head = HttpRequestWriter.Head(endpoint, headers);
        _writer = new BatchingWriter(failed: Break);

        // The connection outlives the call that opened it: its loops and their logs belong to no call's trace.
        using (ExecutionContext.SuppressFlow())
        {
            var check = timeout / 4 > TimeSpan.Zero ? timeout / 4 : timeout;
            _watch = time.CreateTimer(_ => BreakIfSilent(), null, check, check);
            _ = Task.Run(RunAsync);
        }
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
        bool flush;
        lock (_gate)
        {
            if (_broken)
            {
                return Task.FromResult(false);
            }

            // Under the gate, so that the requests go out in the order their calls wait for answers.
            _unanswered.Enqueue(new Unanswered(answered, _time.GetTimestamp()));
            flush = _writer.Add(_head, body);
        }

        if (flush)
        {
            _writer.Flush();
        }

        return answered.Task;
    }

    public void Dispose() => Break(reason: null);

    private async Task RunAsync()
    {
        var reason = "the master closed the connection";
        try
        {
            var stream = await PeerSocket.ConnectAsync(_endpoint, _tls, _timeout, _time, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                // Disposed while it was connecting: the new stream is not kept.
                if (_broken)
                {
                    stream.Dispose();
                    return;
                }

                _stream = stream;
            }

            _writer.Open(stream);
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

    // The answers, in the order the requests went: each completes the oldest call still unanswered. Returns why it stopped.
    private async Task<string> ReadAnswersAsync(Stream stream)
    {
        var answers = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            return await ReadUntilStoppedAsync(answers).ConfigureAwait(false);
        }
        finally
        {
            await answers.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task<string> ReadUntilStoppedAsync(PipeReader answers)
    {
        while (true)
        {
            var read = await answers.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            // While the answers of one read are handed out, the calls their callers make next wait to go out in one write.
            _writer.Cork(true);
            try
            {
                while (HttpAnswerReader.TryRead(ref buffer, out var answer))
                {
                    if (answer.Status is not (200 or 202))
                    {
                        return Stopping($"the master answered a call {answer.Status}");
                    }

                    if (!Answered())
                    {
                        return Stopping("the master sent an answer to no call");
                    }

                    if (answer.ClosesConnection)
                    {
                        return Stopping("the master closed the connection after an answer (Connection: close)");
                    }
                }
            }
            finally
            {
                _writer.Cork(false);
            }

            if (read.IsCompleted)
            {
                return "the master closed the connection";
            }

            answers.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // Nothing more goes out on a connection that is ending: the calls gathered meanwhile go the ordinary way only.
    private string Stopping(string reason)
    {
        _writer.Close();
        return reason;
    }

    // The oldest call unanswered is answered; false when there was none.
    private bool Answered()
    {
        Unanswered oldest;
        lock (_gate)
        {
            if (!_unanswered.TryDequeue(out oldest))
            {
                return false;
            }
        }

        oldest.Answered.SetResult(true);
        return true;
    }

    private void BreakIfSilent()
    {
        int unanswered;
        lock (_gate)
        {
            unanswered = _unanswered.Count;
            if (!_unanswered.TryPeek(out var oldest) || _time.GetElapsedTime(oldest.SentAt) < _timeout)
            {
                return;
            }
        }

        Break($"the master left a call unanswered for {HumanDuration.Format(_timeout)} ({unanswered} waiting)");
    }

    // Every call still unanswered goes again the ordinary way; the connection takes no more. A reason is the peer's
    // doing, and logged once; none is the owner's disposal.
    private void Break(string? reason)
    {
        Unanswered[] unanswered;
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

        _writer.Close();
        _watch.Dispose();
        stream?.Dispose();
        if (reason is not null)
        {
            ConnectionLog.PipelineBroke(_logger, _endpoint, unanswered.Length, reason);
        }

        foreach (var call in unanswered)
        {
            call.Answered.TrySetResult(false);
        }
    }

    /// <summary>A call written and not yet answered, with when it was handed over.</summary>
    private readonly record struct Unanswered(TaskCompletionSource<bool> Answered, long SentAt);
}
