using System.Buffers;
using Google.Protobuf;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>
/// An accepted SUBSCRIBE, for either driver: the open connection, its RecordIO reader and codec, the stream
/// ID (schedulers only) and the first event, already checked. <see cref="ReadAsync"/> yields the decoded
/// events that follow and, once the stream has ended, <see cref="EndReason"/> says why. A driver that decodes
/// on another thread than it reads frames with <see cref="ReadRecordAsync"/> and decodes with <see cref="Decode"/>.
/// </summary>
internal sealed class EventSubscription<TEvent> : IAsyncDisposable
    where TEvent : class, IMessage<TEvent>, new()
{
    private readonly IDisposable _connection;
    private readonly RecordIoReader _reader;
    private readonly MesosCodec _codec;
    private readonly string _peer;
    private int _disposed;
    private string? _readEnd;
    private volatile string? _decodeFailure;

    private EventSubscription(IDisposable connection, RecordIoReader reader, MesosCodec codec, string peer, string? streamId, TEvent first)
    {
        _connection = connection;
        _reader = reader;
        _codec = codec;
        _peer = peer;
        StreamId = streamId;
        First = first;
    }

    /// <summary>The first event, which said the subscription was accepted.</summary>
    public TEvent First { get; }

    /// <summary>The <c>Mesos-Stream-Id</c> the master named the subscription with; null for an agent's.</summary>
    public string? StreamId { get; }

    /// <summary>
    /// Why the stream ended, once <see cref="ReadAsync"/> has returned null (or <see cref="ReadRecordAsync"/> false, or
    /// <see cref="Decode"/> null). An event that did not decode is the reason even when the reader, ahead of the decoder,
    /// saw the stream end first: it came first in the stream.
    /// </summary>
    public string? EndReason => _decodeFailure ?? Volatile.Read(ref _readEnd);

    /// <summary>The payload of the record <see cref="ReadRecordAsync"/> last read; valid until the next read.</summary>
    public ReadOnlySequence<byte> CurrentRecord => _reader.Current;

    /// <summary>
    /// Reads <paramref name="response"/>'s first event within <paramref name="firstEventTimeout"/> and hands it to
    /// <paramref name="check"/>, which throws if it does not start a subscription. On any failure the response is disposed.
    /// </summary>
    public static async Task<EventSubscription<TEvent>> OpenAsync(
        HttpResponseMessage response, MesosCodec codec, string peer, string? streamId, TimeSpan firstEventTimeout, TimeProvider time, RecordIoReaderOptions? reading, Action<TEvent> check, CancellationToken cancellationToken)
    {
        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return await OpenAsync(body, response, codec, peer, streamId, firstEventTimeout, time, reading, check, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the first event of <paramref name="body"/>, the stream <paramref name="connection"/> carries, as
    /// <see cref="OpenAsync(HttpResponseMessage, MesosCodec, string, string?, TimeSpan, TimeProvider, RecordIoReaderOptions?, Action{TEvent}, CancellationToken)"/>
    /// does; on any failure the connection is disposed.
    /// </summary>
    public static async Task<EventSubscription<TEvent>> OpenAsync(
        Stream body, IDisposable connection, MesosCodec codec, string peer, string? streamId, TimeSpan firstEventTimeout, TimeProvider time, RecordIoReaderOptions? reading, Action<TEvent> check, CancellationToken cancellationToken)
    {
        RecordIoReader? reader = null;
        try
        {
            reader = new RecordIoReader(body, reading);
            using var firstEvent = new TimeLimit(firstEventTimeout, time, cancellationToken);
            bool read;
            try
            {
                read = await reader.ReadAsync(firstEvent.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MesosUnavailableException($"The {peer} sent nothing within {HumanDuration.Format(firstEventTimeout)} of accepting SUBSCRIBE.", ex);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new MesosUnavailableException($"The {peer}'s subscription stream broke before its first event: {ex.Message}", ex);
            }

            if (!read)
            {
                throw new MesosUnavailableException($"The {peer} closed the subscription stream before its first event.");
            }

            var first = codec.Decode<TEvent>(reader.Current);
            check(first);
            return new EventSubscription<TEvent>(connection, reader, codec, peer, streamId, first);
        }
        catch
        {
            if (reader is not null)
            {
                await DisposeQuietlyAsync(reader).ConfigureAwait(false);
            }

            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next event, or null once the stream has ended (the peer closed it, the connection broke, the peer sent
    /// what is not the protocol, or <paramref name="cancellationToken"/> ended the subscription): <see cref="EndReason"/>
    /// says which. Completes synchronously while events are buffered.
    /// </summary>
    public ValueTask<TEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        var read = ReadRecordAsync(cancellationToken);
        return read.IsCompletedSuccessfully ? ValueTask.FromResult(read.Result ? Decode(CurrentRecord) : null) : AwaitNextAsync(read);
    }

    /// <summary>
    /// Frames the next record, without decoding it: true with <see cref="CurrentRecord"/> set, or false once the stream
    /// has ended, <see cref="EndReason"/> saying why. Completes synchronously while records are buffered.
    /// </summary>
    public ValueTask<bool> ReadRecordAsync(CancellationToken cancellationToken)
    {
        if (EndReason is not null)
        {
            return ValueTask.FromResult(false);
        }

        try
        {
            var read = _reader.ReadAsync(cancellationToken);
            return read.IsCompletedSuccessfully ? ValueTask.FromResult(Framed(read.Result)) : AwaitFramedAsync(read);
        }
        catch (Exception ex) when (Ends(ex))
        {
            return ValueTask.FromResult(false);
        }
    }

    /// <summary>Decodes one framed record; null, with <see cref="EndReason"/> set, for one that does not decode (which ends the stream).</summary>
    private TEvent? Decode(in ReadOnlySequence<byte> payload)
    {
        var decoded = DecodeOrDescribe(payload, out var failure);
        if (failure is not null)
        {
            EndWithDecodeFailure(failure);
        }

        return decoded;
    }

    /// <summary>
    /// Decodes one framed record without ending the stream: null and why for one that does not decode. A driver that
    /// decodes records on several threads ends the stream with <see cref="EndWithDecodeFailure"/> at the first failure
    /// in stream order, which need not be the first found.
    /// </summary>
    public TEvent? DecodeOrDescribe(in ReadOnlySequence<byte> payload, out string? failure)
    {
        try
        {
            failure = null;
            return _codec.Decode<TEvent>(payload);
        }
        catch (MesosProtocolException ex)
        {
            failure = $"the {_peer} sent an event that does not decode: {ex.Message}";
            return null;
        }
    }

    /// <summary>Makes <paramref name="failure"/>, from <see cref="DecodeOrDescribe"/>, the reason the stream ended.</summary>
    public void EndWithDecodeFailure(string failure) => _decodeFailure = failure;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Interlocked.CompareExchange(ref _readEnd, "the subscription was ended", null);
            _connection.Dispose();
            await DisposeQuietlyAsync(_reader).ConfigureAwait(false);
        }
    }

    private async ValueTask<TEvent?> AwaitNextAsync(ValueTask<bool> read)
        => await read.ConfigureAwait(false) ? Decode(CurrentRecord) : null;

    private async ValueTask<bool> AwaitFramedAsync(ValueTask<bool> read)
    {
        try
        {
            return Framed(await read.ConfigureAwait(false));
        }
        catch (Exception ex) when (Ends(ex))
        {
            return false;
        }
    }

    private bool Framed(bool read)
    {
        if (!read)
        {
            Interlocked.CompareExchange(ref _readEnd, $"the {_peer} closed the subscription stream", null);
        }

        return read;
    }

    // The failures that end a stream (and call for a new subscription); any other is a bug and propagates.
    private bool Ends(Exception ex)
    {
        var reason = ex switch
        {
            OperationCanceledException => "the subscription was ended",
            MesosProtocolException => $"the {_peer} broke the protocol: {ex.Message}",
            IOException or HttpRequestException => $"the connection to the {_peer} broke: {ex.Message}",
            ObjectDisposedException or InvalidOperationException when Volatile.Read(ref _disposed) == 1 => "the subscription was ended",
            _ => null,
        };
        if (reason is null)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _readEnd, reason, null);
        return true;
    }

    private static async ValueTask DisposeQuietlyAsync(RecordIoReader reader)
    {
        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or HttpRequestException)
        {
            // The connection is gone already; nothing is left to release.
        }
    }
}
