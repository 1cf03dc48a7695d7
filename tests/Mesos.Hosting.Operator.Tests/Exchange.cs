using System.Buffers;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>One checked operator call and the ways the fake answers it: a message, an empty 200, an error, a redirect, a stream.</summary>
internal sealed class Exchange<TCall>(HttpContext context, ReceivedCall<TCall> received, MesosCodec answering)
{
    public HttpContext Context => context;

    public ReceivedCall<TCall> Received => received;

    public TCall Call => received.Call;

    /// <summary>The encoding Mesos would answer in, from the Accept header.</summary>
    public MesosCodec Answering => answering;

    public static async Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    public async Task AnswerAsync(IMessage message)
    {
        var body = answering.Encode(message);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = answering.ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public Task OkAsync()
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    public Task ErrorAsync(int status, string text) => TextAsync(context, status, text);

    /// <summary>A 307 as Mesos writes it: a protocol-relative Location keeping the request's path.</summary>
    public Task RedirectAsync(Uri leader)
    {
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = $"//{leader.Authority}/api/v1";
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts a stream as a master does (Content-Type the encoding itself), or with <paramref name="recordIo"/> as an
    /// agent does (application/recordio, the encoding in Message-Content-Type).
    /// </summary>
    public async Task OpenStreamAsync(bool recordIo = false)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = recordIo ? "application/recordio" : answering.ContentType;
        if (recordIo)
        {
            context.Response.Headers["Message-Content-Type"] = answering.ContentType;
        }

        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async Task SendAsync(params IMessage[] events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var evt in events)
        {
            answering.WriteRecord(buffer, evt);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Breaks the connection under the stream, as a crashed master or a dropped network would.</summary>
    public void Drop() => context.Abort();
}
