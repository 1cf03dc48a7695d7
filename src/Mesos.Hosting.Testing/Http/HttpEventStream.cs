using System.Threading.Channels;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Http;

/// <summary>
/// An event stream over one streamed HTTP response of RecordIO-framed events, each its own record as Mesos sends
/// it; the events queued when the stream writes go out in one flush. Events are queued without blocking whoever sends them.
/// </summary>
internal sealed class HttpEventStream : IEventStream
{
    // Bounds what one flush holds, so that a burst reaches the client in parts it can start on.
    private const int MaxEventsPerFlush = 256;

    private readonly Channel<IMessage> _events = Channel.CreateUnbounded<IMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpContext _context;
    private readonly MesosCodec _codec;

    private HttpEventStream(HttpContext context, MesosCodec codec)
    {
        _context = context;
        _codec = codec;
    }

    public bool IsClosed { get; private set; }

    /// <summary>Makes the response a 200 stream of <paramref name="codec"/>'s content type; nothing is sent until <see cref="RunAsync"/>.</summary>
    public static HttpEventStream Open(HttpContext context, MesosCodec codec)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = codec.ContentType;
        return new HttpEventStream(context, codec);
    }

    public bool Send(IMessage message) => !IsClosed && _events.Writer.TryWrite(message);

    /// <summary>Sends what is queued, then ends the response cleanly.</summary>
    public void Close()
    {
        IsClosed = true;
        _events.Writer.TryComplete();
    }

    /// <summary>Drops the connection at once, as a network fault would.</summary>
    public void Abort()
    {
        IsClosed = true;
        _events.Writer.TryComplete();
        _context.Abort();
    }

    /// <summary>Writes events until the stream is closed or the client goes away.</summary>
    public async Task RunAsync()
    {
        var aborted = _context.RequestAborted;
        try
        {
            await _context.Response.StartAsync(aborted).ConfigureAwait(false);
            await _context.Response.BodyWriter.FlushAsync(aborted).ConfigureAwait(false);
            while (await _events.Reader.WaitToReadAsync(aborted).ConfigureAwait(false))
            {
                // What is queued together goes out in one flush: a burst (a reconciliation's answers, an allocation's
                // offers to many frameworks) costs one write, not one per event; each event is its own record still.
                for (var written = 0; written < MaxEventsPerFlush && _events.Reader.TryRead(out var message); written++)
                {
                    _codec.WriteRecord(_context.Response.BodyWriter, message);
                }

                var flushed = await _context.Response.BodyWriter.FlushAsync(aborted).ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            IsClosed = true;
            _events.Writer.TryComplete();
        }
    }
}
