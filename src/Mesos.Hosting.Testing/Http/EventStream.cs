using System.Threading.Channels;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Http;

/// <summary>
/// One streamed response of RecordIO-framed events: each event is written and flushed as its own
/// chunk, as Mesos does. Events are queued without blocking whoever sends them.
/// </summary>
internal sealed class EventStream
{
    private readonly Channel<IMessage> _events = Channel.CreateUnbounded<IMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpContext _context;

    public EventStream(HttpContext context, MesosCodec codec)
    {
        _context = context;
        Codec = codec;
    }

    public MesosCodec Codec { get; }

    public bool IsClosed { get; private set; }


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
            await foreach (var message in _events.Reader.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                Codec.WriteRecord(_context.Response.BodyWriter, message);
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
