using System.Net;
using Google.Protobuf;
using Mesos.Hosting.Connection;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The operator API's HTTP, for masters and agents alike: POSTs an encoded call to <c>/api/v1</c>, asking for an
/// answer in the same encoding, and reads answers whole but bounded. One connection pool serves every call and the
/// event stream: HTTP/1.1 gives each request in flight its own connection, so the stream never holds a call up.
/// </summary>
internal sealed class OperatorHttp : IDisposable
{
    /// <summary>Where masters and agents serve the operator API, relative to their base URL.</summary>
    public const string Path = "api/v1";

    private readonly HttpClient _client;

    public OperatorHttp(MesosConnectionSettings settings, long maxAnswerBytes, TimeProvider time)
    {
        Settings = settings;
        MaxAnswerBytes = maxAnswerBytes;
        Time = time;
        _client = new HttpClient(TrustedHandler.Create(settings.CaCertificateFile), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public MesosConnectionSettings Settings { get; }

    public long MaxAnswerBytes { get; }

    public TimeProvider Time { get; }

    /// <summary>Sends <paramref name="body"/> (an encoded call) and returns once the answer's headers are in.</summary>
    public Task<HttpResponseMessage> PostAsync(Uri endpoint, byte[] body, string callType, bool withCredentials, CancellationToken cancellationToken)
        => MesosHttp.SendAsync(
            _client,
            MesosHttp.Request(endpoint, body, Settings.Codec, accept: true, withCredentials ? Settings.Authorization : null),
            callType,
            Settings.CallTimeout,
            Time,
            cancellationToken);

    /// <summary>
    /// Reads a successful answer: null when its body is empty (the calls that change the cluster answer so), else
    /// the message decoded in the encoding the peer named.
    /// </summary>
    public async Task<TAnswer?> ReadAnswerAsync<TAnswer>(HttpResponseMessage response, string peer, string callType, CancellationToken cancellationToken)
        where TAnswer : class, IMessage<TAnswer>, new()
    {
        var body = await BoundedBody.ReadAsync(response, MaxAnswerBytes, Settings.CallTimeout, Time, peer, callType, cancellationToken).ConfigureAwait(false);
        return body.IsEmpty ? null : AnswerEncoding.Of(response, peer, callType).Decode<TAnswer>(body);
    }

    /// <summary>
    /// The exception for an answer that is not a success: a refusal (4xx) or "not now" (5xx and the like). On the
    /// operator API a 404 that says something is Mesos's own answer (MARK_AGENT_GONE of an unknown agent, READ_FILE
    /// of a missing file) and refuses the call; a bare 404 is a master not serving the API yet.
    /// </summary>
    public async Task<Exception> RefusalAsync(string peer, string callType, HttpResponseMessage response, string note, CancellationToken cancellationToken)
    {
        var text = await MesosHttp.ReadTextAsync(response, Settings.CallTimeout, Time, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound && text.Length > 0
            ? new MesosCallException(callType, response.StatusCode, text + note)
            : PeerAnswer.Classify(peer, callType, response, text + note, Time.GetUtcNow());
    }

    public void Dispose() => _client.Dispose();
}
