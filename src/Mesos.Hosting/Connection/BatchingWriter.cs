using System.Buffers;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The write side of a pipelined connection: requests added while a write is under way, while the connection is still
/// opening, or while the writer is corked gather in a buffer and go out together in one write. Two buffers take turns,
/// one being written while the other gathers, so a busy connection allocates nothing per request.
/// </summary>
internal sealed class BatchingWriter(Action<string> failed)
{
    private readonly Lock _gate = new();
    private ArrayBufferWriter<byte> _pending = new();
    private ArrayBufferWriter<byte> _spare = new();
    private Stream? _stream;

    // Until the stream is open, requests only gather, as they do while a write is under way.
    private bool _writing = true;
    private bool _corked;
    private bool _closed;

    /// <summary>Adds a request; true when the caller is to <see cref="Flush"/> (outside any lock of its own).</summary>
    public bool Add(byte[] head, ReadOnlySpan<byte> body)
    {
        lock (_gate)
        {
            HttpRequestWriter.Write(_pending, head, body);
            return StartWriting();
        }
    }

    /// <summary>The stream is open: what gathered goes out.</summary>
    public void Open(Stream stream)
    {
        lock (_gate)
        {
            _stream = stream;
            _writing = false;
            if (!StartWriting())
            {
                return;
            }
        }

        Flush();
    }

    /// <summary>While corked, no new write starts (one under way finishes); uncorking sends what gathered.</summary>
    public void Cork(bool corked)
    {
        lock (_gate)
        {
            _corked = corked;
            if (corked || !StartWriting())
            {
                return;
            }
        }

        Flush();
    }

    /// <summary>Nothing more is written.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>Writes what gathered, and what gathers meanwhile, until nothing is left; a failure goes to the owner.</summary>
    public void Flush() => _ = WriteAsync();

    // Under the gate: whether the caller is to start writing what gathered.
    private bool StartWriting()
    {
        if (_writing || _corked || _closed || _pending.WrittenCount == 0)
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
                    if (_closed || _pending.WrittenCount == 0)
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
        catch (Exception ex)
        {
            // Whatever it was, nothing more can be written: the owner hands its calls back.
            lock (_gate)
            {
                _closed = true;
            }

            failed(ex.Message);
        }
    }
}
