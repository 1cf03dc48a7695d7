using System.Buffers;
using System.IO.Pipelines;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The body of one HTTP/1.1 answer, read off its connection as it arrives: a body of known length up to its end, or a
/// chunked one (an agent's event stream) with its framing taken off by <see cref="ChunkedFraming"/>, bounded as for
/// every answer. Nothing is buffered beyond what the caller asks for. A connection that ends before the body does is
/// an <see cref="IOException"/>, framing that is not HTTP/1.1 a <see cref="MesosProtocolException"/>.
/// </summary>
internal sealed class HttpBodyStream : Stream
{
    private readonly PipeReader _source;
    private readonly bool _chunked;
    private ChunkedFraming _framing;

    // What is left of a body of known length.
    private long _remaining;

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
            var dataLeft = _chunked ? _framing.DataLeft : _remaining;
            if (dataLeft > 0)
            {
                var count = (int)Math.Min(Math.Min(dataLeft, buffer.Length), destination.Length - copied);
                if (count == 0)
                {
                    break;
                }

                buffer.Slice(0, count).CopyTo(destination[copied..]);
                buffer = buffer.Slice(count);
                copied += count;
                Took(count);
                continue;
            }

            var reader = new SequenceReader<byte>(buffer);
            if (!_framing.TryTake(ref reader))
            {
                break;
            }

            buffer = buffer.Slice(reader.Position);
            Ended = _framing.Ended;
        }

        return copied;
    }

    private void Took(int count)
    {
        if (_chunked)
        {
            _framing.TookData(count);
        }
        else
        {
            _remaining -= count;
            Ended = _remaining == 0;
        }
    }
}
