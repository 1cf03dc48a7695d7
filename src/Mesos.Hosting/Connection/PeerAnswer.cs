using System.Globalization;
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
        => Classify(peer, callType, (int)response.StatusCode, text, MesosHttp.RetryAfter(response, now));

    /// <inheritdoc cref="Classify(string, string, HttpResponseMessage, string, DateTimeOffset)"/>
    public static Exception Classify(string peer, string callType, int status, string text, TimeSpan? retryAfter)
    {
        var notNow = status is < 400 or (int)HttpStatusCode.NotFound or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
        return notNow
            ? new MesosUnavailableException($"{peer} answered {callType} with {status}: {(text.Length == 0 ? "(no message)" : text)}", retryAfter)
            : new MesosCallException(callType, (HttpStatusCode)status, text);
    }

    /// <summary>How long a Retry-After header's value asks to wait: seconds, or an HTTP date; null when it says neither, or a moment past.</summary>
    public static TimeSpan? RetryAfter(string? value, DateTimeOffset now)
    {
        TimeSpan? delay = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
            : DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date) ? date - now
            : null;
        return delay > TimeSpan.Zero ? delay : null;
    }
}
