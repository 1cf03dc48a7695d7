using System.Net;
using System.Net.Http.Headers;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>How both drivers talk HTTP to Mesos: HTTP/1.1 only, no automatic redirects, exact content types.</summary>
internal static class MesosHttp
{
    public static SocketsHttpHandler Handler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Sends SUBSCRIBE on a client without a timeout (the stream must not have one) and waits for the
    /// response headers at most <paramref name="headersTimeout"/>: a peer that accepts the connection and
    /// never answers must not hold the driver forever. The stream that follows is not timed.
    /// </summary>
    public static async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, HttpRequestMessage request, TimeSpan headersTimeout, CancellationToken cancellationToken)
    {
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(headersTimeout);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"{request.RequestUri} did not answer SUBSCRIBE within {headersTimeout}.", ex);
        }
    }

    /// <summary>A POST of an encoded call; <paramref name="accept"/> asks for a stream in the same encoding.</summary>
    public static HttpRequestMessage Request(Uri endpoint, byte[] body, MesosCodec codec, bool accept, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };

        // ByteArrayContent adds no charset, which Mesos would answer with 415.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(codec.ContentType);
        if (accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(codec.ContentType));
        }

        request.Headers.Authorization = authorization;
        return request;
    }
}
