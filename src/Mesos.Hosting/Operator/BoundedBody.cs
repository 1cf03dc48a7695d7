using System.Buffers;
using System.Globalization;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;

namespace Mesos.Hosting.Operator;

/// <summary>
/// Reads a whole answer body, but never more than a limit nor for longer than a timeout: an answer that announces
/// more is refused unread, one that grows past the limit is abandoned.
/// </summary>
internal static class BoundedBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpResponseMessage response, long maxBytes, TimeSpan timeout, TimeProvider time, string peer, string callType, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw TooLarge(peer, callType, maxBytes, string.Create(CultureInfo.InvariantCulture, $"announced {announced} bytes"));
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(response.Content.Headers.ContentLength ?? 16 * 1024, 256, 1024 * 1024));
        using var limit = new TimeLimit(timeout, time, cancellationToken);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(body.GetMemory(64 * 1024), limit.Token).ConfigureAwait(false)) > 0)
            {
                body.Advance(read);
                if (body.WrittenCount > maxBytes)
                {
                    throw TooLarge(peer, callType, maxBytes, "sent more");
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"{peer} did not finish its answer to {callType} within {HumanDuration.Format(timeout)}.", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new MesosUnavailableException($"The connection to {peer} broke while it answered {callType}: {ex.Message}", ex);
        }

        return body.WrittenMemory;
    }

    private static MesosProtocolException TooLarge(string peer, string callType, long maxBytes, string what)
        => new(string.Create(CultureInfo.InvariantCulture, $"{peer} {what} in answer to {callType}; at most {maxBytes} bytes are accepted (MaxAnswerBytes)."));
}
