using System.Buffers;
using System.IO.Pipelines;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The body of one HTTP/1.1 answer, read off its connection as it arrives: a body of known length up to its end, or a
/// chunked one (an agent's event stream) with its framing taken off. Nothing is buffered beyond what the caller asks
/// for; framing is bounded as <see cref="HttpAnswerReader"/> bounds it. A connection that ends before the body does is an
/// <see cref="IOException"/>, framing that is not HTTP/1.1 a <see cref="MesosProtocolException"/>.
/// </summary>
internal sealed class HttpBodyStream : Stream
{
    private const int MaxSizeLine = 64;

    private readonly PipeReader _source;
    private readonly bool _chunked;
    private long _remaining;
    private bool _chunkEndDue;
    private bool _inTrailers;

    /// <param name="source">The connection's bytes, just past the answer's head.</param>
    /// <param name="length">The body's length from the head; null for a chunked body.</param>
    public HttpBodyStream(PipeReader source, long? length)
    {
        _source = source;
        _chunked = length is null;
        _remaining = length ?? 0;
        Ended = length == 0;
    }

    /// <summary>Whether the whole body has been read, so that the connection may carry another request.</summary>
    public bool Ended { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (Ended || destination.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            var read = await _source.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var copied = Take(ref buffer, destination.Span);
            if (copied > 0 || Ended)
            {
                _source.AdvanceTo(buffer.Start);
                return copied;
            }

            if (read.IsCompleted)
            {
                throw new IOException("The connection closed in the middle of an answer's body.");
            }

            _source.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A connection's bytes arrive asynchronously; blocking a thread on them is what this stream exists to avoid.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An answer's body is read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Copies body bytes out of what has arrived, taking chunk framing off on the way; stops when the destination is full,
    // the body has ended, or the bytes that have arrived end in the middle of framing.
    private int Take(ref ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        var copied = 0;
        while (!Ended && copied < destination.Length)
        {
            if (_remaining > 0)
            {
                var count = (int)Math.Min(Math.Min(_remaining, buffer.Length), destination.Length - copied);
                if (count == 0)
                {
                    break;
                }

                buffer.Slice(0, count).CopyTo(destination[copied..]);
                buffer = buffer.Slice(count);
                copied += count;
                _remaining -= count;
                Ended = !_chunked && _remaining == 0;
                _chunkEndDue = _chunked && _remaining == 0;
                continue;
            }

            if (!TakeFraming(ref buffer))
            {
                break;
            }
        }

        return copied;
    }

    // The framing between chunks' data: a chunk's closing CRLF, the next size line, or the trailers after the last chunk.
    private bool TakeFraming(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (_chunkEndDue)
        {
            if (reader.Remaining < 2)
            {
                return false;
            }

            HttpAnswerReader.Check(reader.IsNext("\r\n"u8, advancePast: true), "An answer's chunk did not end where its size said.");
            _chunkEndDue = false;
        }
        else if (_inTrailers)
        {
            // Read again from their start each time, so that their bound holds for all of them.
            if (!HttpAnswerReader.SkipTrailers(ref reader))
            {
                return false;
            }

            Ended = true;
        }
        else
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> sizeLine, "\r\n"u8))
            {
                HttpAnswerReader.Check(reader.Remaining <= MaxSizeLine, $"An answer's chunk size line went on past {MaxSizeLine} bytes.");
                return false;
            }

            _remaining = HttpAnswerReader.ChunkSize(sizeLine);
            _inTrailers = _remaining == 0;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
