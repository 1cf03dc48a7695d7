using System.Net;

namespace Mesos.Hosting.Connection;

/// <summary>What an answer other than the hoped-for one means: "not now" (worth trying again) or a refusal.</summary>
internal static class PeerAnswer
{
    /// <summary>
    /// 404 (a master not yet serving the API), 408, 429 and every 5xx say "not now", as does any status Mesos
    /// never sends; the other 4xx refuse the call itself, and sending it again would be refused again.
    /// </summary>
    public static Exception Classify(string peer, string callType, HttpResponseMessage response, string text, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var notNow = status is < 400 or (int)HttpStatusCode.NotFound or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
        return notNow
            ? new MesosUnavailableException($"{peer} answered {callType} with {status}: {(text.Length == 0 ? "(no message)" : text)}", MesosHttp.RetryAfter(response, now))
            : new MesosCallException(callType, response.StatusCode, text);
    }
}
