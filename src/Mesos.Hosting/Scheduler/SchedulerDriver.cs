using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The scheduler driver: subscribes (with backoff, through a Polly pipeline), reads the event stream
/// into a bounded buffer, delivers events one at a time to the scheduler, acknowledges updates after
/// their callback succeeds, declines what callbacks leave unused, reconciles after every
/// subscription, and resubscribes whenever the stream is lost or falls silent.
/// </summary>
internal sealed partial class SchedulerDriver : ISchedulerDriver, IDisposable
{
    // The most events handed from the reader to the dispatcher at once.
    private const int MaxBatch = 64;

    private readonly MesosSchedulerOptions _options;
    private readonly SchedulerConnection _connection;
    private readonly ISchedulerInvoker _scheduler;
    private readonly IFrameworkIdStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SchedulerMetrics _metrics;
    private readonly CallQueue _calls = new();
    private readonly OfferLedger _offers = new();
    private readonly TaskTracker _tasks = new();
    private readonly ResiliencePipeline _subscribePipeline;
    private SchedulerSession? _session;
    private FrameworkID? _frameworkId;
    private bool _registered;
    private long _sessions;
    private int _subscribeAttempts;
    private SchedulerHealth _health;

    public SchedulerDriver(MesosSchedulerOptions options, SchedulerConnection connection, ISchedulerInvoker scheduler, IFrameworkIdStore store, TimeProvider time, ILogger logger, SchedulerMetrics metrics)
    {
        _options = options;
        _connection = connection;
        _scheduler = scheduler;
        _store = store;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _health = new SchedulerHealth(SchedulerState.Stopped, time.GetUtcNow(), TimeSpan.Zero, null);
        _subscribePipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<MesosUnavailableException>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<MesosProtocolException>()
                    .Handle<TimeoutException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectInitialDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    SchedulerLog.SubscribeFailed(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "unknown");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Raised after the error callback when an unrecoverable error stopped the driver.</summary>
    public event Action<string>? Failed;

    public FrameworkID? FrameworkId => Volatile.Read(ref _frameworkId);

    public bool IsSubscribed => Volatile.Read(ref _session) is { Live: true };

    public SchedulerHealth Health => Volatile.Read(ref _health);

    /// <summary>SUBSCRIBE calls sent so far.</summary>
    public int SubscribeAttempts => Volatile.Read(ref _subscribeAttempts);

    public async Task RunAsync(CancellationToken stopping)
    {
        Volatile.Write(ref _frameworkId, Volatile.Read(ref _frameworkId) ?? await _store.LoadAsync(stopping).ConfigureAwait(false));
        var calls = _calls.RunAsync(SendNowAsync, stopping);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Subscription subscription;
                try
                {
                    SetHealth(SchedulerState.Connecting, null);
                    subscription = await _subscribePipeline.ExecuteAsync(SubscribeOnceAsync, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (MesosCallException ex)
                {
                    await FailAsync(ex.Message, stopping).ConfigureAwait(false);
                    break;
                }

                if (await RunSessionAsync(subscription, stopping).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            if (Health.State != SchedulerState.Failed)
            {
                SetHealth(SchedulerState.Stopped, null);
            }

            await calls.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _metrics.Dispose();
    }

    private async ValueTask<Subscription> SubscribeOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _subscribeAttempts);
        _metrics.SubscribeAttempts.Add(1);
        var call = SubscribeCall();
        SchedulerLog.Subscribing(_logger, _options.ToString(), call.FrameworkId?.Value ?? "(new)");
        var response = await _connection.SubscribeAsync(call, cancellationToken).ConfigureAwait(false);
        RecordIoReader? reader = null;
        try
        {
            reader = new RecordIoReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));

            // 200 does not mean accepted: the master says SUBSCRIBED, or ERROR and closes the stream.
            using var firstEvent = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            firstEvent.CancelAfter(_options.CallTimeout);
            bool read;
            try
            {
                read = await reader.ReadAsync(firstEvent.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The master sent nothing within {_options.CallTimeout} of accepting SUBSCRIBE.");
            }

            if (!read)
            {
                throw new MesosUnavailableException("The master closed the subscription stream before SUBSCRIBED.");
            }

            var first = _connection.Codec.Decode<Event>(reader.Current);
            if (first.Type == Event.Types.Type.Error)
            {
                throw new MesosCallException($"Mesos refused the subscription: {first.Error?.Message}");
            }

            if (first.Type != Event.Types.Type.Subscribed || first.Subscribed is null)
            {
                throw new MesosProtocolException($"The first event of a subscription was {first.Type}, not SUBSCRIBED.");
            }

            var streamId = response.Headers.TryGetValues("Mesos-Stream-Id", out var ids) ? ids.FirstOrDefault() : null;
            if (string.IsNullOrEmpty(streamId))
            {
                throw new MesosProtocolException("The master answered SUBSCRIBE without a Mesos-Stream-Id header.");
            }

            return new Subscription(response, reader, streamId, first);
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

    /// <summary>Runs one subscription until its stream ends; true when an unrecoverable error ended it.</summary>
    private async Task<bool> RunSessionAsync(Subscription subscription, CancellationToken stopping)
    {
        var interval = subscription.First.Subscribed.HasHeartbeatIntervalSeconds
            ? TimeSpan.FromSeconds(subscription.First.Subscribed.HeartbeatIntervalSeconds)
            : TimeSpan.FromSeconds(15);
        var session = new SchedulerSession(Interlocked.Increment(ref _sessions), subscription.StreamId, interval, _time);
        var events = Channel.CreateBounded<Event[]>(new BoundedChannelOptions(Math.Max(1, _options.EventBufferCapacity / MaxBatch)) { SingleReader = true, SingleWriter = true });
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var fatal = new StrongBox<bool>(false);

        _offers.Clear();
        Volatile.Write(ref _session, session);
        SetHealth(SchedulerState.Subscribed, null, session);
        events.Writer.TryWrite([subscription.First]);

        var reading = ReadEventsAsync(subscription, session, events.Writer, ending.Token);
        var watching = WatchHeartbeatsAsync(session, ending);
        var dispatching = DispatchAsync(session, events.Reader, fatal, ending, stopping);

        var reason = await reading.ConfigureAwait(false);
        session.Live = false;
        await ending.CancelAsync().ConfigureAwait(false);
        await dispatching.ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        await subscription.DisposeAsync().ConfigureAwait(false);
        _offers.Clear();

        if (fatal.Value || stopping.IsCancellationRequested)
        {
            return fatal.Value;
        }

        SchedulerLog.Disconnected(_logger, reason);
        SetHealth(SchedulerState.Connecting, null);
        await InvokeAsync("disconnected", (s, ct) => s.DisconnectedAsync(ct), stopping).ConfigureAwait(false);
        return false;
    }

    // The reader never waits on a callback except through the bounded buffer, and says when it does.
    // Events already buffered are handed over in batches: one wake-up of the dispatcher per batch, not per event.
    private async Task<string> ReadEventsAsync(Subscription subscription, SchedulerSession session, ChannelWriter<Event[]> events, CancellationToken cancellationToken)
    {
        var batch = new List<Event>(MaxBatch);
        try
        {
            while (true)
            {
                var next = subscription.Reader.ReadAsync(cancellationToken);
                if (!next.IsCompleted && batch.Count > 0)
                {
                    await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
                }

                if (!await next.ConfigureAwait(false))
                {
                    break;
                }

                session.Touch();
                batch.Add(_connection.Codec.Decode<Event>(subscription.Reader.Current));
                if (batch.Count == MaxBatch)
                {
                    await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
                }
            }

            await HandOverAsync(batch, session, events, cancellationToken).ConfigureAwait(false);
            return "the master closed the subscription stream";
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
            events.TryComplete();
        }
    }

    private static async Task HandOverAsync(List<Event> batch, SchedulerSession session, ChannelWriter<Event[]> events, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var items = batch.ToArray();
        batch.Clear();
        if (!events.TryWrite(items))
        {
            session.SetReaderWaiting(true);
            await events.WriteAsync(items, cancellationToken).ConfigureAwait(false);
            session.SetReaderWaiting(false);
            session.Touch();
        }
    }

    private async Task WatchHeartbeatsAsync(SchedulerSession session, CancellationTokenSource ending)
    {
        var limit = session.HeartbeatInterval * _options.HeartbeatMissesBeforeReconnect;
        using var timer = new PeriodicTimer(session.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ending.Token).ConfigureAwait(false))
            {
                var silence = session.Silence;
                if (!session.ReaderWaiting && silence > limit)
                {
                    SchedulerLog.HeartbeatMissed(_logger, silence, session.HeartbeatInterval);
                    await ending.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FailAsync(string message, CancellationToken stopping)
    {
        SchedulerLog.Fatal(_logger, message);
        SetHealth(SchedulerState.Failed, message);
        await InvokeAsync("error", (s, ct) => s.ErrorAsync(message, ct), stopping).ConfigureAwait(false);
        Failed?.Invoke(message);
    }

    private void SetHealth(SchedulerState state, string? error, SchedulerSession? session = null)
        => Volatile.Write(ref _health, new SchedulerHealth(state, session?.LastEventAt ?? _time.GetUtcNow(), session?.HeartbeatInterval ?? TimeSpan.Zero, error));

    /// <summary>Calls back the scheduler; a throwing callback is logged and counted, never fatal to the driver.</summary>
    private async Task<bool> InvokeAsync(string callback, Func<IMesosScheduler, CancellationToken, Task> action, CancellationToken cancellationToken, string consequence = "carrying on")
    {
        try
        {
            await _scheduler.InvokeAsync(action, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            _metrics.HandlerFailures.Add(1, new KeyValuePair<string, object?>("callback", callback));
            SchedulerLog.HandlerFailed(_logger, ex, callback, consequence);
            return false;
        }
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
