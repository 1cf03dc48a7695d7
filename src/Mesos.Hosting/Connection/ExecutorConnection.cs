using System.Net;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Connection;

/// <summary>
/// An executor's two HTTP connections to its agent: one that carries only the SUBSCRIBE stream, with no
/// timeout, and one for UPDATE, MESSAGE and HEARTBEAT. The agent never redirects and names no stream.
/// </summary>
internal sealed class ExecutorConnection : IDisposable
{
    private readonly MesosConnectionSettings _settings;
    private readonly TimeProvider _time;
    private readonly HttpClient _stream;
    private readonly HttpClient _calls;

    public ExecutorConnection(Uri agent, MesosConnectionSettings settings, TimeProvider time)
    {
        Endpoint = new Uri(agent, "api/v1/executor");
        _settings = settings;
        _time = time;
        _stream = new HttpClient(MesosHttp.Handler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _calls = new HttpClient(MesosHttp.Handler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// Sends SUBSCRIBE and returns the subscription once its first event is SUBSCRIBED (or SHUTDOWN, from an
    /// agent shutting the executor down). Throws <see cref="MesosUnavailableException"/> when the agent cannot
    /// serve now, <see cref="MesosCallException"/> when it refuses this executor.
    /// </summary>
    public async Task<EventSubscription<Event>> SubscribeAsync(Call call, CancellationToken cancellationToken)
    {
        var response = await MesosHttp.SendAsync(_stream, Request(call, accept: true), "SUBSCRIBE", _settings.CallTimeout, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return await EventSubscription<Event>.OpenAsync(response, _settings.Codec, "agent", streamId: null, _settings.CallTimeout, _settings.StreamReading, CheckFirst, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            throw await RefusalAsync("SUBSCRIBE", response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends UPDATE, MESSAGE or HEARTBEAT on the call connection.</summary>
    public async Task SendAsync(Call call, CancellationToken cancellationToken)
    {
        var callType = MesosNames.Of(call.Type);
        using var response = await MesosHttp.SendAsync(_calls, Request(call, accept: false), callType, _settings.CallTimeout, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw await RefusalAsync(callType, response, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _calls.Dispose();
    }

    // An agent that is shutting the executor down answers 200 and then SHUTDOWN instead of SUBSCRIBED.
    internal static void CheckFirst(Event first)
    {
        if (first.Type is not (Event.Types.Type.Subscribed or Event.Types.Type.Shutdown))
        {
            throw new MesosProtocolException($"The first event of an executor subscription was {MesosNames.Of(first.Type)}, not SUBSCRIBED.");
        }
    }

    private async Task<Exception> RefusalAsync(string callType, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await MesosHttp.ReadTextAsync(response, _settings.CallTimeout, cancellationToken).ConfigureAwait(false);
        return PeerAnswer.Classify($"The Mesos agent at {Endpoint}", callType, response, text, _time.GetUtcNow());
    }

    private HttpRequestMessage Request(Call call, bool accept)
        => MesosHttp.Request(Endpoint, _settings.Codec.Encode(call), _settings.Codec, accept, _settings.Authorization);
}
