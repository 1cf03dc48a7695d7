using System.Net;
using System.Net.Http.Headers;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>How both connections talk HTTP to Mesos: HTTP/1.1 only, no automatic redirects, exact content types, bounded reads.</summary>
internal static class MesosHttp
{
    /// <summary>The header Mesos names a scheduler's subscription with, and every later call must carry.</summary>
    public const string StreamIdHeader = "Mesos-Stream-Id";

    public static SocketsHttpHandler Handler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),

        // Mesos's headers are a few hundred bytes; a peer that sends more is not Mesos.
        MaxResponseHeadersLength = 64,
    };

    /// <summary>HTTP Basic credentials as Mesos's authenticator reads them, or null without a principal.</summary>
    public static AuthenticationHeaderValue? Basic(string? principal, string? secret)
        => principal is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{principal}:{secret}")));

    /// <summary>A POST of an encoded call; <paramref name="accept"/> asks for a stream in the same encoding.</summary>
    public static HttpRequestMessage Request(Uri endpoint, byte[] body, MesosCodec codec, bool accept, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };

        // ByteArrayContent adds no charset, which Mesos would answer with 415. The value is one of the codecs' own
        // constants, so it is not parsed again for each call.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", codec.ContentType);
        if (accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(codec.ContentType));
        }

        request.Headers.Authorization = authorization;
        return request;
    }

    /// <summary>
    /// The headers <see cref="Request"/> gives a call, and <paramref name="streamId"/>'s, as names and values, for the
    /// connections that write their requests themselves (<see cref="HttpRequestWriter"/>).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> CallHeaders(MesosCodec codec, bool accept, AuthenticationHeaderValue? authorization, string? streamId)
    {
        yield return new("Content-Type", codec.ContentType);
        if (accept)
        {
            yield return new("Accept", codec.ContentType);
        }

        if (authorization is not null)
        {
            yield return new("Authorization", authorization.ToString());
        }

        if (streamId is not null)
        {
            yield return new(StreamIdHeader, streamId);
        }
    }

    /// <summary>
    /// Sends a request and returns once its headers are in, at most <paramref name="timeout"/> later; the body is
    /// left unread, so that neither a stream nor a never-ending error body is buffered. Transport failures and the
    /// timeout become <see cref="MesosUnavailableException"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker client, HttpRequestMessage request, string callType, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var headers = new TimeLimit(timeout, time, cancellationToken);
        try
        {
            // An HttpClient reads the whole body unless told not to; a bare invoker's handler never does.
            return await (client is HttpClient http
                ? http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token)
                : client.SendAsync(request, headers.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"{request.RequestUri} did not answer {callType} within {HumanDuration.Format(timeout)}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new MesosUnavailableException($"Could not reach {request.RequestUri} for {callType}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The text of an answer that is not the one hoped for, read up to <see cref="PeerText.MaxBytes"/> and for
    /// at most <paramref name="timeout"/>: a peer (or a proxy) may send an error body that never ends.
    /// </summary>
    public static Task<string> ReadTextAsync(HttpResponseMessage response, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        => ReadTextAsync(ct => response.Content.ReadAsStreamAsync(ct), timeout, time, cancellationToken);

    /// <inheritdoc cref="ReadTextAsync(HttpResponseMessage, TimeSpan, TimeProvider, CancellationToken)"/>
    public static Task<string> ReadTextAsync(Stream body, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        => ReadTextAsync(_ => Task.FromResult(body), timeout, time, cancellationToken);

    private static async Task<string> ReadTextAsync(Func<CancellationToken, Task<Stream>> open, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var buffer = new byte[PeerText.MaxBytes + 1];
        var read = 0;
        using var limit = new TimeLimit(timeout, time, cancellationToken);
        try
        {
            var body = await open(limit.Token).ConfigureAwait(false);
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), limit.Token).ConfigureAwait(false)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or MesosProtocolException && !cancellationToken.IsCancellationRequested)
        {
            // What arrived is message enough; the rest is not waited for.
            return PeerText.From(buffer.AsSpan(0, read), truncated: true);
        }

        return PeerText.From(buffer.AsSpan(0, Math.Min(read, PeerText.MaxBytes)), truncated: read > PeerText.MaxBytes);
    }

    /// <summary>How long <c>Retry-After</c> asks to wait, when it says.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return delay is { } d && d > TimeSpan.Zero ? d : null;
    }
}
