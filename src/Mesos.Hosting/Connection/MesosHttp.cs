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
