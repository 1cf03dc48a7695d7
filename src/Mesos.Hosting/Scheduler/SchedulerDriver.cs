using System.Diagnostics;
using System.Net;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// The calls a scheduler makes, as <see cref="ISchedulerDriver"/>: each built as Mesos expects it, booked
/// (offers released, launched tasks tracked) and sent on one of two ordered lanes. Acknowledgements have a
/// lane of their own, so that a call the master is slow to answer never holds up the updates behind it, and
/// several of them travel at once; every other call keeps the order it was made in, one at a time, as with
/// Mesos's own library.
/// </summary>
/// <remarks>
/// Why acknowledgements may travel apart and together and delivery stays at least once: an acknowledgement is
/// made only after the callback handling its update returned (never for an update whose callback threw or has not
/// run), it names its update (task, agent, uuid) rather than a position in a sequence, and Mesos sends a task's
/// next update only after the last one was acknowledged, so no two acknowledgements in flight concern the same
/// update stream. An acknowledgement that is lost or overtaken does no harm: the update stays unacknowledged and
/// the agent sends it again. The one order that matters, a task's updates delivered in sequence, is the event
/// stream's, which the driver delivers one event at a time.
/// </remarks>
internal sealed partial class SchedulerDriver : ISchedulerDriver
{
    // Acknowledgements on the wire at once: enough to hide a round trip to the master behind the ones after it.
    private const int AcknowledgementsInFlight = 16;

    // Built on first use: they are made from the options, which the hosted service checks before the driver runs, and
    // a user's service that takes the driver is built before that check.
    private readonly Lazy<SchedulerConnection> _connection;
    private readonly SchedulerStatus _status;
    private readonly SchedulerMetrics _metrics;
    private readonly Lazy<IFrameworkIdStore> _store;
    private readonly ILogger _logger;
    private CallQueue _calls = new();
    private CallQueue _acknowledgements = new(AcknowledgementsInFlight);

    // Made once, not for each acknowledgement.
    private readonly Action<Call, Exception> _acknowledgementFailed;

    public SchedulerDriver(Lazy<SchedulerConnection> connection, SchedulerStatus status, SchedulerMetrics metrics, Lazy<IFrameworkIdStore> store, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _connection = connection;
        _status = status;
        _metrics = metrics;
        _store = store;
        _acknowledgementFailed = AcknowledgementFailed;
        metrics.Observe(this);
    }

    public FrameworkID? FrameworkId => _status.FrameworkId;

    public bool IsSubscribed => _status.IsSubscribed;

    public SchedulerHealth Health => _status.Health;

    /// <summary>SUBSCRIBE calls sent so far.</summary>
    public int SubscribeAttempts => _status.SubscribeAttempts;

    /// <summary>Offers made on the live stream and neither accepted, declined nor rescinded.</summary>
    internal OfferLedger Offers { get; } = new();

    /// <summary>Tasks launched through this driver and not known to be terminal.</summary>
    internal TaskTracker Tasks { get; } = new();

    /// <summary>Status updates delivered whose acknowledgement the master has not taken.</summary>
    internal UnacknowledgedUpdates Unacknowledged { get; } = new();

    /// <summary>
    /// Sends the queued calls until <paramref name="stopping"/>; calls still queued then fail as not subscribed.
    /// Each run has lanes of its own: an instance that stopped leading and leads again starts afresh.
    /// </summary>
    public Task RunCallsAsync(CancellationToken stopping)
    {
        var calls = new CallQueue();
        var acknowledgements = new CallQueue(AcknowledgementsInFlight);
        Volatile.Write(ref _calls, calls);
        Volatile.Write(ref _acknowledgements, acknowledgements);
        return Task.WhenAll(calls.RunAsync(SendNowAsync, stopping), acknowledgements.RunAsync(SendNowAsync, stopping));
    }

    private Task SendAsync(Call call, CancellationToken cancellationToken)
    {
        if (!IsSubscribed)
        {
            return Task.FromException(new MesosNotSubscribedException(MesosNames.Of(call.Type)));
        }

        var lane = IsAcknowledgement(call) ? Volatile.Read(ref _acknowledgements) : Volatile.Read(ref _calls);
        return lane.EnqueueAsync(call, cancellationToken);
    }

    // Runs on a lane: the framework ID is the one live when the call's turn comes; the connection adds the stream ID.
    // The call's span is a child of the span it was made in (the lane itself runs in none).
    private async Task SendNowAsync(Call call, ActivityContext cause, CancellationToken cancellationToken)
    {
        var type = MesosNames.Of(call.Type);
        if (!IsSubscribed || FrameworkId is not { } frameworkId)
        {
            throw new MesosNotSubscribedException(type);
        }

        call.FrameworkId = frameworkId;
        SchedulerLog.CallSending(_logger, type);
        using var activity = SchedulerCallTracing.Start(call, cause, _connection.Value.Leader);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // An acknowledgement sent twice is harmless (the agent ignores one that matches no pending update), so
            // acknowledgements may go pipelined, and again the ordinary way when the pipeline does not answer them.
            await _connection.Value.SendAsync(call, cancellationToken, pipelined: IsAcknowledgement(call)).ConfigureAwait(false);
            _metrics.CallSent(type, "accepted", Stopwatch.GetElapsedTime(started));
            if (call.Type == Call.Types.Type.Acknowledge)
            {
                Unacknowledged.Acknowledged(call.Acknowledge.TaskId, call.Acknowledge.Uuid);
            }
        }
        catch (MesosCallException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            _status.CallRefused(ex.Message);
            _metrics.CallSent(type, "refused", Stopwatch.GetElapsedTime(started));
            MesosTracing.Failed(activity, ex);
            throw;
        }
        catch (Exception ex)
        {
            _metrics.CallSent(type, "failed", Stopwatch.GetElapsedTime(started));
            MesosTracing.Failed(activity, ex);
            throw;
        }
    }

    private static bool IsAcknowledgement(Call call) => call.Type is Call.Types.Type.Acknowledge or Call.Types.Type.AcknowledgeOperationStatus;
}
