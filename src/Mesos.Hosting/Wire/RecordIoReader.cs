using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Reads a RecordIO stream (<c>&lt;decimal length&gt;\n&lt;payload&gt;</c>, repeated, nothing in
/// between) one record at a time, without copying: <see cref="Current"/> is a view of the pipe's
/// own buffers, valid until the next call to <see cref="ReadAsync"/>. Records may arrive split over
/// any number of reads, and one read may carry many records.
/// </summary>
public sealed class RecordIoReader : IAsyncDisposable
{
    // A uint64 has at most 20 decimal digits; Mesos parses lengths as uint64.
    private const int MaxLengthDigits = 20;

    private readonly PipeReader _reader;
    private readonly bool _ownsReader;
    private readonly long _maxRecordLength;
    private SequencePosition? _pendingRelease;
    private long _offset;
    private bool _faulted;

    /// <summary>Reads records from <paramref name="reader"/>; the caller keeps ownership of it.</summary>
    public RecordIoReader(PipeReader reader, RecordIoReaderOptions? options = null)
        : this(reader, ownsReader: false, options ?? RecordIoReaderOptions.Default)
    {
    }

    /// <summary>Reads records from <paramref name="stream"/>, disposing it with the reader unless <paramref name="leaveOpen"/>.</summary>
    public RecordIoReader(Stream stream, RecordIoReaderOptions? options = null, bool leaveOpen = false)
        : this(CreatePipeReader(stream, options ?? RecordIoReaderOptions.Default, leaveOpen), ownsReader: true, options ?? RecordIoReaderOptions.Default)
    {
    }

    private RecordIoReader(PipeReader reader, bool ownsReader, RecordIoReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRecordLength);
        _reader = reader;
        _ownsReader = ownsReader;
        _maxRecordLength = options.MaxRecordLength;
    }

    /// <summary>The payload of the record last read; valid until the next <see cref="ReadAsync"/>.</summary>
    public ReadOnlySequence<byte> Current { get; private set; }

    /// <summary>Bytes of the stream consumed so far, up to the end of <see cref="Current"/>.</summary>
    public long BytesConsumed => _offset;

    /// <summary>
    /// Moves to the next record. Returns false when the stream ends cleanly between records.
    /// Throws <see cref="RecordIoException"/> on a malformed length, a length over the maximum, or a
    /// stream that ends inside a record; the reader cannot be used after that.
    /// </summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_faulted)
        {
            throw new InvalidOperationException("This RecordIO reader hit a malformed stream or was disposed; it reads no further.");
        }

        ReleaseCurrent();

        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (TryFrame(buffer, out var payload, out var frameLength))
                {
                    Current = payload;
                    _pendingRelease = payload.End;
                    _offset += frameLength;
                    return true;
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw EndedInsideRecord(buffer);
                    }

                    _reader.AdvanceTo(buffer.End);
                    Current = default;
                    return false;
                }
            }
            catch (RecordIoException)
            {
                _faulted = true;
                _reader.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }

            if (result.IsCanceled)
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
                throw new OperationCanceledException("The RecordIO pipe's pending read was cancelled.");
            }

            // Nothing consumed, everything examined: wait for more bytes.
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Completes the pipe reader if this reader created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_faulted)
        {
            ReleaseCurrent();
        }

        _faulted = true;
        if (_ownsReader)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static PipeReader CreatePipeReader(Stream stream, RecordIoReaderOptions options, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: options.StreamBufferSize, leaveOpen: leaveOpen));
    }

    private void ReleaseCurrent()
    {
        if (_pendingRelease is { } position)
        {
            _reader.AdvanceTo(position);
            _pendingRelease = null;
            Current = default;
        }
    }

    private bool TryFrame(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload, out long frameLength)
    {
        payload = default;
        frameLength = 0;

        var reader = new SequenceReader<byte>(buffer);
        ulong length = 0;
        var digits = 0;
        while (reader.TryRead(out var value))
        {
            if (value == (byte)'\n')
            {
                if (digits == 0)
                {
                    throw new RecordIoException(_offset, "a decimal record length before '\\n'", "an empty length");
                }

                return TryTakePayload(buffer, digits, length, out payload, out frameLength);
            }

            if (value is < (byte)'0' or > (byte)'9')
            {
                throw new RecordIoException(_offset + digits, "a decimal digit or '\\n' in the record length", RecordIoException.Describe(value));
            }

            if (++digits > MaxLengthDigits)
            {
                throw new RecordIoException(_offset, $"a record length of at most {MaxLengthDigits} digits", "a longer one");
            }

            length = length > (ulong.MaxValue - 9) / 10 ? ulong.MaxValue : (length * 10) + (ulong)(value - '0');
        }

        return false;
    }

    private bool TryTakePayload(ReadOnlySequence<byte> buffer, int digits, ulong length, out ReadOnlySequence<byte> payload, out long frameLength)
    {
        if (length > (ulong)_maxRecordLength)
        {
            throw new RecordIoException(
                _offset,
                string.Create(CultureInfo.InvariantCulture, $"a record length of at most {_maxRecordLength} bytes"),
                string.Create(CultureInfo.InvariantCulture, $"{length} bytes"));
        }

        var headerLength = digits + 1;
        frameLength = headerLength + (long)length;
        if (buffer.Length < frameLength)
        {
            payload = default;
            return false;
        }

        payload = buffer.Slice(headerLength, (long)length);
        return true;
    }

    private RecordIoException EndedInsideRecord(ReadOnlySequence<byte> buffer)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            return new RecordIoException(_offset + buffer.Length, "the rest of a record length and '\\n'", "the end of the stream");
        }

        var headerLength = buffer.Slice(0, newline.Value).Length + 1;
        var header = buffer.Slice(0, headerLength - 1);
        var announced = long.Parse(header.IsSingleSegment ? header.FirstSpan : header.ToArray(), CultureInfo.InvariantCulture);
        var received = buffer.Length - headerLength;
        return new RecordIoException(
            _offset + buffer.Length,
            string.Create(CultureInfo.InvariantCulture, $"{announced} payload bytes"),
            string.Create(CultureInfo.InvariantCulture, $"the end of the stream after {received}"));
    }
}
