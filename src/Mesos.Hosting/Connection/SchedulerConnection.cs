using System.Net;
using System.Net.Security;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.Connection;

/// <summary>
/// A scheduler's two HTTP connections to the leading master: one that carries only the SUBSCRIBE stream,
/// with no timeout, and one for every other call, each stamped with the live subscription's stream ID.
/// Follows 307s to the leader and checks what a subscription starts with; knows nothing of offers or tasks.
/// Calls that are harmless to repeat may go pipelined on a third connection (<see cref="PipelinedCalls"/>), as Mesos's
/// own library sends all its calls, falling back to the ordinary one for anything but a 200 or 202.
/// </summary>
internal sealed class SchedulerConnection : IDisposable
{
    private const string Path = "api/v1/scheduler";

    private readonly MesosConnectionSettings _settings;
    private readonly IMasterDetector _detector;
    private readonly TimeProvider _time;
    private readonly HttpClient _stream;
    // A bare invoker, not an HttpClient: the calls need none of its defaults, and it would add a linked token and a
    // layer of its own to each call.
    private readonly HttpMessageInvoker _calls;
    private readonly ILogger _logger;
    private readonly Lock _pipelineGate = new();

    // Only over handlers of its own: a handler given to it may do what a pipelined socket would bypass. The pipelined
    // connection checks an https master's certificate as those handlers do.
    private readonly bool _pipelines;
    private readonly RemoteCertificateValidationCallback? _trust;
    private Pipeline? _pipeline;
    private long? _pipelineBrokeAt;
    private bool _disposed;
    private Uri? _leader;
    private volatile bool _leaderWasDetected;
    private EventSubscription<Event>? _current;
    private MasterEndpoint? _endpoint;

    public SchedulerConnection(MesosConnectionSettings settings, IMasterDetector detector, TimeProvider time, ILogger? logger = null)
        : this(settings, detector, time, TrustedHandler.Trust(settings.CaCertificateFile), logger)
    {
    }

    // The CA is read once, for every connection.
    private SchedulerConnection(MesosConnectionSettings settings, IMasterDetector detector, TimeProvider time, RemoteCertificateValidationCallback? trust, ILogger? logger)
        : this(settings, detector, time, TrustedHandler.Create(trust), TrustedHandler.Create(trust))
    {
        _pipelines = true;
        _trust = trust;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Over the given handlers, one per connection (each is disposed with it).</summary>
    public SchedulerConnection(MesosConnectionSettings settings, IMasterDetector detector, TimeProvider time, HttpMessageHandler stream, HttpMessageHandler calls)
    {
        _settings = settings;
        _detector = detector;
        _time = time;
        _stream = new HttpClient(stream, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _calls = new HttpMessageInvoker(calls, disposeHandler: true);
        _logger = NullLogger.Instance;
    }

    /// <summary>The master the last subscription went to.</summary>
    public Uri? Leader => Volatile.Read(ref _leader);

    /// <summary>
    /// Sends SUBSCRIBE, following redirects to the leader, and returns the subscription once its first event
    /// is a valid SUBSCRIBED. Throws <see cref="MesosCallException"/> when Mesos refuses the framework (an
    /// ERROR event or a 4xx), <see cref="MesosUnavailableException"/> or <see cref="MesosProtocolException"/>
    /// when another attempt, perhaps at another master, may fare better.
    /// </summary>
    public async Task<EventSubscription<Event>> SubscribeAsync(Call call, CancellationToken cancellationToken)
    {
        var body = _settings.Codec.Encode(call);
        var master = await _detector.DetectAsync(failed: null, cancellationToken).ConfigureAwait(false);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                var response = await MesosHttp.SendAsync(_stream, Request(master, body, accept: true), "SUBSCRIBE", _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var subscription = await OpenAsync(response, call.Subscribe?.FrameworkInfo?.Id, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _leader, master);
                    _leaderWasDetected = _detector.StillLeads(master);
                    Volatile.Write(ref _current, subscription);
                    return subscription;
                }

                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.TemporaryRedirect && redirects < _settings.MaxRedirects)
                    {
                        master = MasterRedirect.Target(master, response);
                        _detector.LeaderIs(master);
                        continue;
                    }

                    var text = await MesosHttp.ReadTextAsync(response, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
                    throw PeerAnswer.Classify(Describe(master), "SUBSCRIBE", response, text + Withheld(master, response), _time.GetUtcNow());
                }
            }
        }
        catch (Exception ex) when (ex is MesosUnavailableException or MesosProtocolException && !cancellationToken.IsCancellationRequested)
        {
            // The next attempt tries another master.
            await _detector.DetectAsync(master, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends a non-subscribe call on the call connection to the master of the live subscription, tagged with
    /// its stream ID; <paramref name="pipelined"/>, a call harmless to send twice goes on the pipelined connection
    /// first. Throws <see cref="MesosNotSubscribedException"/> when no subscription is live.
    /// </summary>
    public async Task SendAsync(Call call, CancellationToken cancellationToken, bool pipelined = false)
    {
        var callType = MesosNames.Of(call.Type);
        if (Volatile.Read(ref _current) is not { EndReason: null, StreamId: { } streamId } || Leader is not { } master)
        {
            throw new MesosNotSubscribedException(callType);
        }

        var body = _settings.Codec.Encode(call);
        if (pipelined && Pipelined(master, streamId) is { } pipeline && await pipeline.SendAsync(body).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        for (var redirects = 0; ; redirects++)
        {
            var request = Request(master, body, accept: false);

            // Checked when the subscription opened (and a parsed header holds no line break): not checked again per call.
            request.Headers.TryAddWithoutValidation(MesosHttp.StreamIdHeader, streamId);
            using var response = await MesosHttp.SendAsync(_calls, request, callType, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                return;
            }

            if (response.StatusCode == HttpStatusCode.TemporaryRedirect && redirects < _settings.MaxRedirects)
            {
                master = MasterRedirect.Target(master, response);
                continue;
            }

            var text = await MesosHttp.ReadTextAsync(response, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
            throw PeerAnswer.Classify(Describe(master), callType, response, text + Withheld(master, response), _time.GetUtcNow());
        }
    }

    /// <summary>Completes once the master of the last subscription no longer leads, as far as the detector can tell.</summary>
    public Task LeaderChangedAsync(CancellationToken cancellationToken)
        => Leader is { } leader ? _detector.LeaderChangedAsync(leader, cancellationToken) : Task.Delay(Timeout.Infinite, cancellationToken);

    /// <summary>
    /// Whether the master of the last subscription led when it was subscribed to and another leads now, as far as the
    /// detector can tell. A master reached through a redirect the detector disagrees with never counts as moved, so a
    /// peer that keeps redirecting to a master whose streams die is retried with backoff, not in a tight loop.
    /// </summary>
    public bool LeaderMoved => _leaderWasDetected && Leader is { } leader && !_detector.StillLeads(leader);

    public void Dispose()
    {
        _stream.Dispose();
        _calls.Dispose();
        Pipeline? last;
        lock (_pipelineGate)
        {
            _disposed = true;
            last = _pipeline;
            _pipeline = null;
        }

        last?.Calls.Dispose();
    }

    private static string Describe(Uri master) => $"The Mesos master at {master}";

    private Task<EventSubscription<Event>> OpenAsync(HttpResponseMessage response, FrameworkID? resumed, CancellationToken cancellationToken)
    {
        var streamId = response.Headers.TryGetValues(MesosHttp.StreamIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        // Every call carries it back in a header, where only ASCII may go: a stream ID with anything else (which .NET reads
        // from the answer as Latin-1) would fail each call while the stream itself stayed up.
        if (string.IsNullOrEmpty(streamId) || streamId.Length > 128 || !streamId.All(c => c is > ' ' and < '\x7f'))
        {
            response.Dispose();
            throw new MesosProtocolException($"The master answered SUBSCRIBE without a usable {MesosHttp.StreamIdHeader} header ('{PeerText.From(streamId ?? "")}').");
        }

        return EventSubscription<Event>.OpenAsync(response, _settings.Codec, "master", streamId, _settings.CallTimeout, _time, _settings.StreamReading, first => SubscribedCheck.Check(first, resumed), cancellationToken);
    }

    // Credentials go to the masters the detector knows, not to whatever a redirect names.
    private bool SendsCredentialsTo(Uri master) => _settings.SendCredentialsToRedirectTargets || _detector.IsKnownMaster(master);

    private string Withheld(Uri master, HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Unauthorized && _settings.Authorization is not null && !SendsCredentialsTo(master)
            ? $" (credentials were withheld from {master}: a redirect named it, and it is not one of the configured masters)"
            : "";

    private HttpRequestMessage Request(Uri master, byte[] body, bool accept)
        => MesosHttp.Request(Endpoint(master), body, _settings.Codec, accept, SendsCredentialsTo(master) ? _settings.Authorization : null);

    // The master rarely changes, and every call goes to it: its endpoint is built once, not parsed again per call.
    private Uri Endpoint(Uri master)
    {
        if (Volatile.Read(ref _endpoint) is { } known && known.Master == master)
        {
            return known.Api;
        }

        var endpoint = new MasterEndpoint(master, new Uri(master, Path));
        Volatile.Write(ref _endpoint, endpoint);
        return endpoint.Api;
    }

    // The pipelined connection of this master and subscription, opened when first needed. One that broke is replaced
    // only a call timeout later, so that a master that refuses pipelining costs a connection per timeout, not per call.
    // The one replaced is disposed outside the gate: disposing it hands its calls back, and their callers go on at once.
    private PipelinedCalls? Pipelined(Uri master, string streamId)
    {
        if (!_pipelines)
        {
            return null;
        }

        Pipeline? replaced;
        PipelinedCalls? opened;
        lock (_pipelineGate)
        {
            if (_pipeline is { } current && current.Master == master && current.StreamId == streamId && !current.Calls.IsBroken)
            {
                return current.Calls;
            }

            replaced = _pipeline;
            _pipeline = null;
            if (replaced is not null)
            {
                _pipelineBrokeAt = replaced.Master == master && replaced.StreamId == streamId ? _time.GetTimestamp() : null;
            }

            opened = _disposed || _pipelineBrokeAt is { } brokeAt && _time.GetElapsedTime(brokeAt) < _settings.CallTimeout ? null : Open(master, streamId);
            _pipeline = opened is null ? null : new Pipeline(master, streamId, opened);
        }

        replaced?.Calls.Dispose();
        return opened;
    }

    // Null when the master is reached through a proxy, which a socket of its own would bypass.
    private PipelinedCalls? Open(Uri master, string streamId)
    {
        var endpoint = Endpoint(master);
        if (HttpClient.DefaultProxy.GetProxy(endpoint) is not null)
        {
            return null;
        }

        var headers = MesosHttp.CallHeaders(_settings.Codec, accept: false, SendsCredentialsTo(master) ? _settings.Authorization : null, streamId);
        var tls = endpoint.Scheme == Uri.UriSchemeHttps ? new SslClientAuthenticationOptions { TargetHost = endpoint.IdnHost, RemoteCertificateValidationCallback = _trust } : null;
        return new PipelinedCalls(endpoint, headers, tls, _settings.CallTimeout, _time, _logger);
    }

    private sealed record MasterEndpoint(Uri Master, Uri Api);

    private sealed record Pipeline(Uri Master, string StreamId, PipelinedCalls Calls);
}
