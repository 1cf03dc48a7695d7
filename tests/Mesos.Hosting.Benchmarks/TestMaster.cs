using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// A stand-in master for the harnesses, as thin as HTTP/1.1 allows so that the figures are the driver's: SUBSCRIBE is
/// answered with a chunked RecordIO stream that the subclass writes; every other call is decoded, handed to the
/// subclass, and answered 202 Accepted, on as many connections as the driver opens.
/// </summary>
internal abstract class TestMaster : IAsyncDisposable
{
    // Far above any call the harnesses' drivers send; a body beyond it ends the connection.
    private const int MaxBody = 1024 * 1024;
    private const int SmallChunk = 64 * 1024;
    private static readonly byte[] Accepted = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private const int MaxHeaders = 8 * 1024;
    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();
    private static readonly byte[] JsonContentType = Encoding.ASCII.GetBytes(MesosContentTypes.Json);
    private static readonly byte[] ChunkEnd = "\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    public Uri Uri { get; private set; } = null!;

    protected CancellationToken Stopping => _stop.Token;

    public Task StartAsync()
    {
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Writes the subscription's events to <paramref name="stream"/> (chunks after the headers) until the stream is done.</summary>
    protected abstract Task StreamEventsAsync(Stream stream, CancellationToken cancellationToken);

    /// <summary>A call other than SUBSCRIBE, before it is answered.</summary>
    protected virtual void Received(Call call)
    {
    }

    /// <summary>
    /// Writes <paramref name="records"/> as one HTTP chunk: a small one in a single write, as a server that buffers its
    /// output would (three sends for each few updates would be the harness's cost, not the driver's); a large one
    /// without copying it.
    /// </summary>
    protected static async Task WriteChunkAsync(Stream stream, ReadOnlyMemory<byte> records, CancellationToken cancellationToken)
    {
        var sizeLine = Encoding.ASCII.GetBytes(records.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        if (records.Length > SmallChunk)
        {
            await stream.WriteAsync(sizeLine, cancellationToken);
            await stream.WriteAsync(records, cancellationToken);
            await stream.WriteAsync(ChunkEnd, cancellationToken);
            return;
        }

        var length = sizeLine.Length + records.Length + ChunkEnd.Length;
        var chunk = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            sizeLine.CopyTo(chunk, 0);
            records.CopyTo(chunk.AsMemory(sizeLine.Length));
            ChunkEnd.CopyTo(chunk, sizeLine.Length + records.Length);
            await stream.WriteAsync(chunk.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var network = client.GetStream();
            var requests = PipeReader.Create(network);
            try
            {
                while (await ReadCallAsync(requests) is { } call)
                {
                    if (call.Type == Call.Types.Type.Subscribe)
                    {
                        await network.WriteAsync(Encoding.ASCII.GetBytes(
                            $"HTTP/1.1 200 OK\r\nContent-Type: {MesosContentTypes.Protobuf}\r\nMesos-Stream-Id: {Guid.NewGuid():D}\r\nTransfer-Encoding: chunked\r\n\r\n"), _stop.Token);
                        await StreamEventsAsync(network, _stop.Token);
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }

                    Received(call);
                    await network.WriteAsync(Accepted, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    // One request: headers up to the blank line, then Content-Length bytes of body, decoded as its Content-Type says.
    private async Task<Call?> ReadCallAsync(PipeReader requests)
    {
        while (true)
        {
            var read = await requests.ReadAsync(_stop.Token);
            var buffer = read.Buffer;
            if (TryTakeCall(ref buffer, out var call))
            {
                requests.AdvanceTo(buffer.Start);
                return call;
            }

            if (read.IsCompleted)
            {
                return null;
            }

            requests.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryTakeCall(ref ReadOnlySequence<byte> buffer, out Call? call)
    {
        call = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8))
        {
            return false;
        }

        // The headers are looked at in place, as a server's parser would, not copied into strings for each call.
        Span<byte> headers = head.Length <= MaxHeaders ? stackalloc byte[(int)head.Length] : throw new IOException($"A call with {head.Length} bytes of headers.");
        head.CopyTo(headers);
        var length = ContentLength(headers);
        if (length is < 0 or > MaxBody)
        {
            throw new IOException($"A call body of {length} bytes.");
        }

        if (reader.Remaining < length)
        {
            return false;
        }

        var body = reader.UnreadSequence.Slice(0, length);
        var codec = headers.IndexOf(JsonContentType) >= 0 ? MesosCodec.Json : MesosCodec.Protobuf;
        call = codec.Decode<Call>(body);
        buffer = buffer.Slice(reader.Position).Slice(length);
        return true;
    }

    private static int ContentLength(ReadOnlySpan<byte> headers)
    {
        foreach (var range in headers.Split("\r\n"u8))
        {
            var line = headers[range];
            if (line.Length > ContentLengthName.Length && Ascii.EqualsIgnoreCase(line[..ContentLengthName.Length], ContentLengthName))
            {
                return int.TryParse(line[ContentLengthName.Length..].Trim(" "u8), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    ? length
                    : throw new IOException("A call with a Content-Length that is not a number.");
            }
        }

        throw new IOException("A call without Content-Length.");
    }
}
