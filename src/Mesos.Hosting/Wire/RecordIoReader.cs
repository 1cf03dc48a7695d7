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
    private ReadOnlySequence<byte>? _buffered;
    private SequencePosition _consumed;
    private bool _bufferCompleted;
    private long _offset;
    private bool _faulted;

    /// <summary>Reads records from <paramref name="reader"/> with the default options; the caller keeps ownership of it.</summary>
    public RecordIoReader(PipeReader reader)
        : this(reader, ownsReader: false, RecordIoReaderOptions.Default)
    {
    }

    /// <summary>Reads records from <paramref name="reader"/>; the caller keeps ownership of it.</summary>
    public RecordIoReader(PipeReader reader, RecordIoReaderOptions? options)
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

        // Records already buffered are framed without going back to the pipe: one pipe read serves many records.
        if (_buffered is { } held)
        {
            var rest = held.Slice(_consumed);
            if (TryFrameOrFault(rest, held, out _))
            {
                return true;
            }

            if (_bufferCompleted)
            {
                return EndOfStream(rest, held);
            }

            _reader.AdvanceTo(_consumed, held.End);
            _buffered = null;
            Current = default;
        }

        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            _consumed = buffer.Start;
            if (TryFrameOrFault(buffer, buffer, out _))
            {
                _buffered = buffer;
                _bufferCompleted = result.IsCompleted;
                return true;
            }

            if (result.IsCompleted)
            {
                _buffered = buffer;
                _bufferCompleted = true;
                return EndOfStream(buffer, buffer);
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
            ReleaseBuffered();
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

    private void ReleaseBuffered()
    {
        if (_buffered is { } held)
        {
            _reader.AdvanceTo(_consumed, held.End);
            _buffered = null;
            Current = default;
        }
    }

    // Frames the next record of rest (a tail of held); a malformed one faults the reader for good.
    private bool TryFrameOrFault(ReadOnlySequence<byte> rest, ReadOnlySequence<byte> held, out ReadOnlySequence<byte> payload)
    {
        long frameLength;
        try
        {
            if (!TryFrame(rest, out payload, out frameLength))
            {
                return false;
            }
        }
        catch (RecordIoException)
        {
            _faulted = true;
            _buffered = null;
            _reader.AdvanceTo(_consumed, held.End);
            throw;
        }

        Current = payload;
        _consumed = payload.End;
        _offset += frameLength;
        return true;
    }

    private bool EndOfStream(ReadOnlySequence<byte> rest, ReadOnlySequence<byte> held)
    {
        if (!rest.IsEmpty)
        {
            _faulted = true;
            _buffered = null;
            _reader.AdvanceTo(_consumed, held.End);
            throw EndedInsideRecord(rest);
        }

        Current = default;
        return false;
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
