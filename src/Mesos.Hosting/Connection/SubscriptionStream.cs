using Google.Protobuf;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>The event stream of an accepted SUBSCRIBE, for either driver: opened, its first event read, and how it can fail.</summary>
internal static class SubscriptionStream
{
    /// <summary>
    /// Reads the first event of <paramref name="response"/> and hands it to <paramref name="check"/>, which
    /// throws if it is not what a subscription starts with. On any failure the stream and response are disposed.
    /// </summary>
    public static async Task<(RecordIoReader Reader, TEvent First)> OpenAsync<TEvent>(
        HttpResponseMessage response, MesosCodec codec, string peer, TimeSpan firstEventTimeout, RecordIoReaderOptions? options, Action<TEvent> check, CancellationToken cancellationToken)
        where TEvent : class, IMessage<TEvent>, new()
    {
        RecordIoReader? reader = null;
        try
        {
            reader = new RecordIoReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), options);
            using var firstEvent = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            firstEvent.CancelAfter(firstEventTimeout);
            bool read;
            try
            {
                read = await reader.ReadAsync(firstEvent.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The {peer} sent nothing within {firstEventTimeout} of accepting SUBSCRIBE.");
            }

            if (!read)
            {
                throw new MesosUnavailableException($"The {peer} closed the subscription stream before SUBSCRIBED.");
            }

            var first = codec.Decode<TEvent>(reader.Current);
            check(first);
            return (reader, first);
        }
        catch
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="readAll"/> (a driver's read loop) until the stream ends, and says why it ended:
    /// the peer closed it, the subscription was cancelled, or the connection failed. The failures that end
    /// a stream (and call for a new subscription) are caught here; any other is a bug and propagates.
    /// </summary>
    public static async Task<string> ReadUntilEndedAsync(Func<Task> readAll, string peer, Action ended)
    {
        try
        {
            await readAll().ConfigureAwait(false);
            return $"the {peer} closed the subscription stream";
        }
        catch (OperationCanceledException)
        {
            return "the subscription was ended";
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or MesosProtocolException or ObjectDisposedException)
        {
            return ex.Message;
        }
        finally
        {
            ended();
        }
    }
}
