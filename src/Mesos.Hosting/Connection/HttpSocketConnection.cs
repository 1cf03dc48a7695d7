using System.IO.Pipelines;

namespace Mesos.Hosting.Connection;

/// <summary>
/// One HTTP/1.1 connection opened without an HTTP handler, carrying one request at a time: the request as
/// <see cref="HttpRequestWriter"/> frames it, the answer's head as <see cref="HttpAnswerReader"/> reads it, and its body
/// as it arrives (<see cref="Body"/>). An executor talks to its agent this way: <c>HttpClient</c>'s handler cost a
/// starting executor about 65 ms, compiling its generic code on the first request.
/// </summary>
internal sealed class HttpSocketConnection : IDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private HttpAnswerHead _answer;
    private HttpBodyStream? _body;

    /// <summary>An HTTP/1.1 connection over <paramref name="stream"/>, a connection <see cref="PeerSocket"/> opened.</summary>
    public HttpSocketConnection(Stream stream)
    {
        _stream = stream;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    /// <summary>The body of the last answer, read from here; it ends where the answer does.</summary>
    public HttpBodyStream Body => _body ?? throw new InvalidOperationException("No answer has been read on this connection.");

    /// <summary>Whether any byte of an answer to the last request has arrived.</summary>
    public bool AnswerStarted { get; private set; }

    /// <summary>
    /// Whether another request may follow: the last answer was read to its end, did not close the connection, and
    /// nothing came after it. Bytes no request asked for would be taken for the next request's answer.
    /// </summary>
    public bool Reusable => _body is { Ended: true } && !_answer.Closes && !Unasked();

    /// <summary>
    /// Writes <paramref name="request"/> and reads its answer's head; the body follows in <see cref="Body"/>. Throws
    /// <see cref="IOException"/> when the connection ends first, <see cref="MesosProtocolException"/> when the peer
    /// answers with what is not HTTP/1.1.
    /// </summary>
    public async Task<HttpAnswerHead> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        _body = null;
        AnswerStarted = false;
        await _stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var read = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            AnswerStarted |= !buffer.IsEmpty;
            if (HttpAnswerReader.TryReadHead(ref buffer, out var answer))
            {
                _input.AdvanceTo(buffer.Start);
                _answer = answer;
                _body = new HttpBodyStream(_input, answer.Length);
                return answer;
            }

            if (read.IsCompleted)
            {
                throw new IOException(buffer.IsEmpty ? "The connection closed without an answer." : "The connection closed in the middle of an answer's head.");
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // Closing the socket ends a read that may be under way on another thread; the reader is left to the collector rather
    // than completed, which would hand its buffers back to the pool while that read may still write into them.
    public void Dispose() => _stream.Dispose();

    // What has arrived past the last answer, or the connection's end, which a request could not be answered after.
    private bool Unasked()
    {
        if (!_input.TryRead(out var read))
        {
            return false;
        }

        _input.AdvanceTo(read.Buffer.Start);
        return !read.Buffer.IsEmpty || read.IsCompleted;
    }
}
