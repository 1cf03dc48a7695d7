using System.Text;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mesos.Hosting.Testing.Http;

/// <summary>The HTTP habits the Mesos master and agent share (libprocess and src/common/http.cpp).</summary>
internal static class MesosHttp
{
    public const string StreamIdHeader = "Mesos-Stream-Id";

    // Far above any call a framework sends; a body beyond it is refused, never buffered.
    private const int MaxBodyLength = 64 * 1024 * 1024;

    /// <summary>Answers with Mesos's plain-text error body.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>A 200 whose body is <paramref name="message"/> in <paramref name="codec"/>'s encoding.</summary>
    public static Task MessageAsync(HttpContext context, MesosCodec codec, IMessage message)
    {
        var body = codec.Encode(message);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = codec.ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>An empty-bodied answer such as 202 Accepted.</summary>
    public static void Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }

    /// <summary>Mesos's <c>MethodNotAllowed({"POST"}, ...)</c>: false, the request answered 405, for any other method.</summary>
    public static async Task<bool> RequirePostAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            return true;
        }

        context.Response.Headers.Allow = "POST";
        await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting a 'POST' request, received '{context.Request.Method}'").ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Steps 4 and 5 of both Mesos handlers: POST only (405), the Content-Type (400/415), a body that
    /// decodes (400). Answers the request and returns null when any of them fails.
    /// </summary>
    public static async Task<T?> ReadCallAsync<T>(HttpContext context)
        where T : class, IMessage<T>, new()
    {
        if (!await RequirePostAsync(context).ConfigureAwait(false))
        {
            return null;
        }

        var (codec, status, problem) = RequestCodec(context.Request);
        if (codec is null)
        {
            await ErrorAsync(context, status, problem).ConfigureAwait(false);
            return null;
        }

        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (body is null)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body is too large").ConfigureAwait(false);
            return null;
        }

        var (call, decodeError) = DecodeCall<T>(codec, body);
        if (call is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, decodeError).ConfigureAwait(false);
        }

        return call;
    }

    /// <summary>The request's codec, or the 400/415 answer Mesos gives when the Content-Type is wrong.</summary>
    private static (MesosCodec? Codec, int Status, string Error) RequestCodec(HttpRequest request)
    {
        var contentType = request.Headers.ContentType.ToString();
        if (string.IsNullOrEmpty(contentType))
        {
            return (null, StatusCodes.Status400BadRequest, "Expecting 'Content-Type' to be present");
        }

        return MesosCodec.FromContentType(contentType) is { } codec
            ? (codec, 0, string.Empty)
            : (null, StatusCodes.Status415UnsupportedMediaType, "Expecting 'Content-Type' of application/json or application/x-protobuf");
    }

    /// <summary>
    /// The encoding Mesos picks from Accept for an event stream or an operator API answer: JSON whenever
    /// JSON is acceptable at all, else protobuf when it is, else none (406).
    /// </summary>
    public static MesosCodec? NegotiateAnswer(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return MesosCodec.Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return null;
        }

        return Acceptable(ranges, MesosContentTypes.Json) ? MesosCodec.Json
            : Acceptable(ranges, MesosContentTypes.Protobuf) ? MesosCodec.Protobuf
            : null;
    }

    public const string NotAcceptable = "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'";

    /// <summary>Reads the whole body; null when it is larger than any Mesos call.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyLength)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyLength)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a call, or gives the 400 text Mesos answers for a body that does not parse.</summary>
    private static (T? Call, string Error) DecodeCall<T>(MesosCodec codec, byte[] body)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return (codec.Decode<T>(body), string.Empty);
        }
        catch (MesosDecodeException ex)
        {
            return (null, ex.Failure switch
            {
                MesosDecodeFailure.NotProtobuf => "Failed to parse body into Call protobuf",
                MesosDecodeFailure.NotJson => "Failed to parse body into JSON: " + ex.Detail,
                _ => "Failed to convert JSON into Call protobuf: " + ex.Detail,
            });
        }
    }

    private static bool Acceptable(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var family = mediaType[..slash] + "/*";
        return ranges.Any(range => (range.Quality ?? 1.0) > 0
            && (range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
                || range.MediaType.Equals(family, StringComparison.OrdinalIgnoreCase)
                || range.MediaType.Equals("*/*", StringComparison.Ordinal)));
    }
}
