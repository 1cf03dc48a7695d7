using System.Net;
using System.Net.Http.Headers;
using Mesos.Hosting.Executor;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The two HTTP connections of an executor to its agent: one that carries only the SUBSCRIBE stream,
/// with no timeout, and one for UPDATE, MESSAGE and HEARTBEAT. The agent never redirects.
/// </summary>
internal sealed class ExecutorConnection : IDisposable
{
    private readonly Uri _endpoint;
    private readonly HttpClient _stream;
    private readonly HttpClient _calls;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeSpan _subscribeTimeout;

    public ExecutorConnection(MesosExecutorEnvironment environment, MesosExecutorOptions options)
    {
        _endpoint = new Uri(environment.AgentEndpoint, "api/v1/executor");
        Codec = MesosCodec.FromContentType(options.ContentType) ?? MesosCodec.Protobuf;
        _stream = new HttpClient(MesosHttp.Handler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _calls = new HttpClient(MesosHttp.Handler(), disposeHandler: true) { Timeout = options.CallTimeout };
        _subscribeTimeout = options.CallTimeout;
        if (environment.AuthenticationToken is { } token)
        {
            _authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public MesosCodec Codec { get; }

    public Uri Endpoint => _endpoint;

    /// <summary>Sends SUBSCRIBE; returns the open stream, or throws with the agent's answer.</summary>
    public async Task<HttpResponseMessage> SubscribeAsync(Call call, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await MesosHttp.SubscribeAsync(_stream, Request(call, accept: true), _subscribeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MesosUnavailableException($"Could not reach the Mesos agent at {_endpoint}: {ex.Message}", ex);
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.NotFound)
            {
                throw new MesosUnavailableException($"The Mesos agent at {_endpoint} answered SUBSCRIBE with {(int)response.StatusCode}: {text}", answered: true);
            }

            throw new MesosCallException("SUBSCRIBE", response.StatusCode, text);
        }
    }

    /// <summary>Sends UPDATE, MESSAGE or HEARTBEAT on the call connection.</summary>
    public async Task SendAsync(Call call, CancellationToken cancellationToken)
    {
        using var response = await _calls.SendAsync(Request(call, accept: false), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new MesosUnavailableException($"The Mesos agent at {_endpoint} answered {call.Type} with 503: {text}");
        }

        throw new MesosCallException(call.Type.ToString().ToUpperInvariant(), response.StatusCode, text);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _calls.Dispose();
    }

    private HttpRequestMessage Request(Call call, bool accept)
        => MesosHttp.Request(_endpoint, Codec.Encode(call), Codec, accept, _authorization);
}
