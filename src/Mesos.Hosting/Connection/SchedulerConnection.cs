using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The two HTTP connections of a scheduler: one that carries only the SUBSCRIBE stream, with no
/// timeout, and one for every other call. Follows 307s in Mesos's protocol-relative form and
/// remembers the leader; knows nothing of offers or tasks.
/// </summary>
internal sealed class SchedulerConnection : IDisposable
{
    private const int MaxRedirects = 5;
    private const string Path = "api/v1/scheduler";

    private readonly IMasterDetector _detector;
    private readonly HttpClient _stream;
    private readonly HttpClient _calls;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeSpan _subscribeTimeout;
    private Uri? _leader;

    public SchedulerConnection(MesosSchedulerOptions options, IMasterDetector detector)
    {
        _detector = detector;
        Codec = MesosCodec.FromContentType(options.ContentType) ?? MesosCodec.Protobuf;
        _stream = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _calls = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = options.CallTimeout };
        _subscribeTimeout = options.CallTimeout;
        if (options.Principal is not null)
        {
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Principal}:{options.Secret}")));
        }
    }

    public MesosCodec Codec { get; }

    /// <summary>The master the last subscription went to.</summary>
    public Uri? Leader => Volatile.Read(ref _leader);

    /// <summary>Sends SUBSCRIBE and returns the open stream, following redirects to the leader.</summary>
    public async Task<HttpResponseMessage> SubscribeAsync(Call call, CancellationToken cancellationToken)
    {
        var body = Codec.Encode(call);
        var master = await _detector.DetectAsync(failed: null, cancellationToken).ConfigureAwait(false);
        for (var redirects = 0; redirects <= MaxRedirects; redirects++)
        {
            HttpResponseMessage response;
            try
            {
                response = await MesosHttp.SubscribeAsync(_stream, Request(master, body, accept: true), _subscribeTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or MesosUnavailableException)
            {
                // The next attempt tries another master.
                await _detector.DetectAsync(master, cancellationToken).ConfigureAwait(false);
                throw new MesosUnavailableException($"Could not reach the Mesos master at {master}: {ex.Message}", ex);
            }

            if (response.StatusCode == HttpStatusCode.OK)
            {
                Volatile.Write(ref _leader, master);
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TemporaryRedirect && Redirect(master, response) is { } leader)
                {
                    master = leader;
                    _detector.LeaderIs(leader);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.NotFound or HttpStatusCode.TemporaryRedirect)
                {
                    await _detector.DetectAsync(master, cancellationToken).ConfigureAwait(false);
                    throw new MesosUnavailableException($"The Mesos master at {master} answered SUBSCRIBE with {(int)response.StatusCode}: {text}");
                }

                throw new MesosCallException("SUBSCRIBE", response.StatusCode, text);
            }
        }

        throw new MesosUnavailableException($"SUBSCRIBE was redirected more than {MaxRedirects} times.");
    }

    /// <summary>Sends a non-subscribe call on the call connection, tagged with the stream ID.</summary>
    public async Task SendAsync(Call call, string streamId, CancellationToken cancellationToken)
    {
        var body = Codec.Encode(call);
        var master = Leader ?? await _detector.DetectAsync(failed: null, cancellationToken).ConfigureAwait(false);
        for (var redirects = 0; redirects <= MaxRedirects; redirects++)
        {
            var request = Request(master, body, accept: false);
            request.Headers.Add("Mesos-Stream-Id", streamId);
            using var response = await _calls.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                return;
            }

            if (response.StatusCode == HttpStatusCode.TemporaryRedirect && Redirect(master, response) is { } leader)
            {
                master = leader;
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new MesosCallException(CallNames.Of(call.Type), response.StatusCode, text);
        }

        throw new MesosUnavailableException($"{CallNames.Of(call.Type)} was redirected more than {MaxRedirects} times.");
    }

    public void Dispose()
    {
        _stream.Dispose();
        _calls.Dispose();
    }

    // Mesos answers `Location: //host:port/path`; the scheme is the current master's.
    private static Uri? Redirect(Uri master, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        if (string.IsNullOrEmpty(location))
        {
            return null;
        }

        var absolute = location.StartsWith("//", StringComparison.Ordinal) ? $"{master.Scheme}:{location}" : location;
        return Uri.TryCreate(master, absolute, out var target) ? new Uri(target.GetLeftPart(UriPartial.Authority) + "/") : null;
    }

    private static SocketsHttpHandler CreateHandler(MesosSchedulerOptions options)
    {
        var handler = MesosHttp.Handler();
        if (options.CaCertificateFile is { } caFile)
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(authority, certificate, errors),
            };
        }

        return handler;
    }

    // A master certificate is good when it chains to the configured CA, and only then.
    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private HttpRequestMessage Request(Uri master, byte[] body, bool accept)
        => MesosHttp.Request(new Uri(master, Path), body, Codec, accept, _authorization);
}
