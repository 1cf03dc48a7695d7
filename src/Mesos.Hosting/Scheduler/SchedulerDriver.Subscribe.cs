using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>One SUBSCRIBE: the call built from the options, and the answer read up to SUBSCRIBED.</summary>
internal sealed partial class SchedulerDriver
{
    // Large reads from the subscription stream: an OFFERS event can be megabytes, and fewer, larger
    // reads of HttpClient's chunked stream measured about 15% more events per second (ingest harness).
    private static readonly RecordIoReaderOptions StreamReading = new() { StreamBufferSize = 1024 * 1024 };

    private async ValueTask<Subscription> SubscribeOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _subscribeAttempts);
        _metrics.SubscribeAttempts.Add(1);
        var call = SubscribeCall();
        SchedulerLog.Subscribing(_logger, _options.ToString(), call.FrameworkId?.Value ?? "(new)");
        var response = await _connection.SubscribeAsync(call, cancellationToken).ConfigureAwait(false);
        var (reader, first) = await SubscriptionStream.OpenAsync<Event>(response, _connection.Codec, "master", _options.CallTimeout, StreamReading, CheckFirst, cancellationToken).ConfigureAwait(false);
        var streamId = response.Headers.TryGetValues("Mesos-Stream-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(streamId))
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
            throw new MesosProtocolException("The master answered SUBSCRIBE without a Mesos-Stream-Id header.");
        }

        return new Subscription(response, reader, streamId, first);
    }

    // 200 does not mean accepted: the master says SUBSCRIBED, or ERROR and closes the stream.
    private static void CheckFirst(Event first)
    {
        if (first.Type == Event.Types.Type.Error)
        {
            throw new MesosCallException($"Mesos refused the subscription: {first.Error?.Message}");
        }

        if (first.Type != Event.Types.Type.Subscribed || first.Subscribed is null)
        {
            throw new MesosProtocolException($"The first event of a subscription was {first.Type}, not SUBSCRIBED.");
        }
    }

    private Call SubscribeCall()
    {
        var info = new FrameworkInfo
        {
            User = _options.Framework.User,
            Name = _options.Framework.Name,
            FailoverTimeout = _options.Framework.FailoverTimeout.TotalSeconds,
            Checkpoint = _options.Framework.Checkpoint,
        };
        if (_options.Framework.Roles.Count > 0)
        {
            info.Roles.AddRange(_options.Framework.Roles);
        }
        else if (_options.Framework.Role is { } role)
        {
#pragma warning disable CS0612 // The single-role field is how a framework without MULTI_ROLE names its role.
            info.Role = role;
#pragma warning restore CS0612
        }

        info.Capabilities.AddRange(_options.Framework.Capabilities.Select(c => new FrameworkInfo.Types.Capability { Type = MesosSchedulerOptionsValidator.Capability(c)!.Value }));
        if (_options.Framework.Labels.Count > 0)
        {
            info.Labels = new Labels();
            info.Labels.Labels_.AddRange(_options.Framework.Labels.Select(l => new Label { Key = l.Key, Value = l.Value }));
        }

        if (_options.Framework.Hostname is { } hostname)
        {
            info.Hostname = hostname;
        }

        if (_options.Framework.WebUiUrl is { } webUi)
        {
            info.WebuiUrl = webUi;
        }

        if (_options.Principal is { } principal)
        {
            info.Principal = principal;
        }

        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = info } };
        if (FrameworkId is { } id)
        {
            info.Id = id.Clone();
            call.FrameworkId = id.Clone();
        }

        return call;
    }

    /// <summary>An accepted SUBSCRIBE: the response, its RecordIO reader, the stream ID and the SUBSCRIBED event.</summary>
    private sealed record Subscription(HttpResponseMessage Response, RecordIoReader Reader, string StreamId, Event First) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Response.Dispose();
            try
            {
                await Reader.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The connection is gone already; nothing is left to release.
            }
        }
    }
}
