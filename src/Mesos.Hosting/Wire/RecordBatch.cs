using System.Buffers;

namespace Mesos.Hosting.Wire;

/// <summary>
/// RecordIO payloads copied back to back into one pooled buffer, so that the reader can release the pipe's memory
/// at once and hand many records to another thread in one move. Owned by one stage at a time; disposing it returns
/// its buffers to the pool, after which no payload read from it may be used.
/// </summary>
internal sealed class RecordBatch : IDisposable
{
    private byte[] _bytes;
    private int[] _ends;
    private int _used;

    public RecordBatch(int initialBytes, int maxRecords)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(initialBytes);
        _ends = ArrayPool<int>.Shared.Rent(maxRecords);
        MaxRecords = maxRecords;
    }

    public int MaxRecords { get; }

    public int Count { get; private set; }

    /// <summary>Payload bytes held.</summary>
    public int Length => _used;

    public bool IsFull => Count == MaxRecords;

    /// <summary>Payload <paramref name="index"/>, a view of this batch's buffer.</summary>
    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var start = index == 0 ? 0 : _ends[index - 1];
            return _bytes.AsMemory(start, _ends[index] - start);
        }
    }

    /// <summary>Copies <paramref name="payload"/> in, growing the buffer for a record larger than what is left.</summary>
    public void Add(in ReadOnlySequence<byte> payload)
    {
        if (IsFull)
        {
            throw new InvalidOperationException($"A record batch holds at most {MaxRecords} records.");
        }

        if (payload.Length > Array.MaxLength - _used)
        {
            throw new InvalidOperationException(
                $"A record of {payload.Length} bytes does not fit in one buffer; keep RecordIoReaderOptions.MaxRecordLength below {Array.MaxLength / 2} bytes.");
        }

        var length = (int)payload.Length;
        if (_bytes.Length - _used < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_used + length, 2L * _bytes.Length)));
            _bytes.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        payload.CopyTo(_bytes.AsSpan(_used));
        _used += length;
        _ends[Count++] = _used;
    }

    public void Dispose()
    {
        if (_ends.Length == 0)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<int>.Shared.Return(_ends);
        _bytes = [];
        _ends = [];
        Count = 0;
        _used = 0;
    }
}
