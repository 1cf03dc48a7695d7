using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>
/// A Mesos master or agent answering the operator API at /api/v1 on 127.0.0.1, checking each request as
/// Master::Http::api does (POST, an exact Content-Type, a body that decodes, an acceptable Accept) with Mesos's
/// status codes and messages, then handing the decoded call to the test's answer. Every call is recorded.
/// </summary>
internal sealed class FakeOperatorEndpoint<TCall> : IAsyncDisposable
    where TCall : class, IMessage<TCall>, new()
{
    private readonly HostileServer _server;

    private FakeOperatorEndpoint(HostileServer server) => _server = server;

    public Uri Uri => _server.Uri;

    public Observed<ReceivedCall<TCall>> Calls { get; } = new();

    public static async Task<FakeOperatorEndpoint<TCall>> StartAsync(Func<Exchange<TCall>, Task> answer)
    {
        FakeOperatorEndpoint<TCall>? endpoint = null;
        var server = await HostileServer.StartAsync(async context =>
        {
            if (await CheckAsync(context) is { } exchange)
            {
                endpoint!.Calls.Add(exchange.Received);
                await answer(exchange);
            }
        });
        endpoint = new FakeOperatorEndpoint<TCall>(server);
        return endpoint;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    // Mesos's checks, in Mesos's order; null when the request was answered with an error already.
    private static async Task<Exchange<TCall>?> CheckAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path != "/api/v1")
        {
            await Exchange<TCall>.TextAsync(context, StatusCodes.Status404NotFound, "");
            return null;
        }

        if (request.Method != HttpMethods.Post)
        {
            await Exchange<TCall>.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "");
            return null;
        }

        var contentType = request.Headers.ContentType.ToString();
        if (contentType.Length == 0)
        {
            await Exchange<TCall>.TextAsync(context, StatusCodes.Status400BadRequest, "Expecting 'Content-Type' to be present");
            return null;
        }

        if (MesosCodec.FromContentType(contentType) is not { } codec)
        {
            await Exchange<TCall>.TextAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Expecting 'Content-Type' of {MesosContentTypes.Json} or {MesosContentTypes.Protobuf}");
            return null;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var text = Encoding.UTF8.GetString(body.ToArray());
        TCall call;
        try
        {
            call = codec.Decode<TCall>(body.ToArray().AsMemory());
        }
        catch (MesosProtocolException ex)
        {
            await Exchange<TCall>.TextAsync(context, StatusCodes.Status400BadRequest, codec == MesosCodec.Json ? "Failed to convert JSON into Call protobuf: " + ex.Message : "Failed to parse body into Call protobuf");
            return null;
        }

        var accept = request.Headers.Accept.ToString();
        if (Negotiate(accept) is not { } answering)
        {
            await Exchange<TCall>.TextAsync(context, StatusCodes.Status406NotAcceptable, $"Expecting 'Accept' to allow '{MesosContentTypes.Protobuf}' or '{MesosContentTypes.Json}'");
            return null;
        }

        var received = new ReceivedCall<TCall>(call, contentType, accept, request.Headers.Authorization.FirstOrDefault(), text);
        return new Exchange<TCall>(context, received, answering);
    }

    // JSON whenever acceptable at all, else protobuf, as Mesos chooses.
    private static MesosCodec? Negotiate(string accept)
    {
        if (accept.Length == 0)
        {
            return MesosCodec.Json;
        }

        var ranges = accept.Split(',').Select(r => MediaTypeWithQualityHeaderValue.TryParse(r.Trim(), out var v) ? v : null).OfType<MediaTypeWithQualityHeaderValue>().Where(r => r.Quality is not 0).ToList();
        return Acceptable(ranges, MesosContentTypes.Json) ? MesosCodec.Json : Acceptable(ranges, MesosContentTypes.Protobuf) ? MesosCodec.Protobuf : null;
    }

    private static bool Acceptable(List<MediaTypeWithQualityHeaderValue> ranges, string mediaType)
        => ranges.Exists(r => r.MediaType == mediaType || r.MediaType == "application/*" || r.MediaType == "*/*");
}
