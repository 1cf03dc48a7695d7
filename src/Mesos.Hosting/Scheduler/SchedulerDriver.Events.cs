using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>Event delivery: one at a time, in order, then the automatic acknowledgements and declines.</summary>
internal sealed partial class SchedulerDriver
{
    private readonly ConcurrentDictionary<string, bool> _awaitingReconciliation = new(StringComparer.Ordinal);

    private async Task DispatchAsync(SchedulerSession session, ChannelReader<Event[]> events, StrongBox<bool> fatal, CancellationTokenSource ending, CancellationToken stopping)
    {
        try
        {
            // Callbacks see the host's stopping token: a lost stream does not cut a callback short.
            while (await events.WaitToReadAsync(ending.Token).ConfigureAwait(false))
            {
                while (events.TryRead(out var batch))
                {
                    foreach (var evt in batch)
                    {
                        if (!session.Live)
                        {
                            return;
                        }

                        if (await HandleAsync(session, evt, stopping).ConfigureAwait(false))
                        {
                            fatal.Value = true;
                            await ending.CancelAsync().ConfigureAwait(false);
                            return;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Delivers one event; true when it was an unrecoverable ERROR.</summary>
    private async Task<bool> HandleAsync(SchedulerSession session, Event evt, CancellationToken stopping)
    {
        var typeName = EventNames.Of(evt.Type);
        _metrics.Events.Add(1, new KeyValuePair<string, object?>("type", typeName));
        using var activity = SchedulerMetrics.Tracing.StartActivity("mesos.scheduler.event");
        activity?.SetTag("mesos.event.type", typeName);
        switch (evt.Type)
        {
            case Event.Types.Type.Subscribed:
                await SubscribedAsync(session, evt.Subscribed, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Offers when evt.Offers is { } offers:
                await OffersAsync(offers.Offers_, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Rescind when evt.Rescind is { } rescind:
                _offers.Release([rescind.OfferId]);
                await InvokeAsync("offer rescinded", static (s, id, ct) => s.OfferRescindedAsync(id, ct), rescind.OfferId, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Update when evt.Update?.Status is { } status:
                await UpdateAsync(status, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.UpdateOperationStatus when evt.UpdateOperationStatus?.Status is { } operation:
                if (await InvokeAsync("operation status", static (s, o, ct) => s.OperationStatusAsync(o, ct), operation, stopping, "the update stays unacknowledged").ConfigureAwait(false)
                    && operation.Uuid is not null && operation.AgentId is not null && _options.ImplicitAcknowledgements)
                {
                    await BestEffortAsync(AcknowledgeOperationStatusAsync(operation, stopping), "ACKNOWLEDGE_OPERATION_STATUS").ConfigureAwait(false);
                }

                break;
            case Event.Types.Type.Message when evt.Message is { } message:
                await InvokeAsync("framework message", static (s, m, ct) => s.FrameworkMessageAsync(m.ExecutorId, m.AgentId, m.Data, ct), message, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Failure when evt.Failure is { } failure:
                await FailureAsync(failure, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.InverseOffers when evt.InverseOffers is { } inverse:
                await InvokeAsync("inverse offers", static (s, i, ct) => s.InverseOffersAsync(i.InverseOffers_, ct), inverse, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.RescindInverseOffer when evt.RescindInverseOffer is { } rescindInverse:
                await InvokeAsync("inverse offer rescinded", static (s, id, ct) => s.InverseOfferRescindedAsync(id, ct), rescindInverse.InverseOfferId, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Error:
                await FailAsync(evt.Error?.Message ?? "ERROR event without a message", stopping).ConfigureAwait(false);
                return true;
            case Event.Types.Type.Heartbeat:
                SetHealth(SchedulerState.Subscribed, null, session);
                break;
            default:
                SchedulerLog.UnknownEvent(_logger, (int)evt.Type);
                break;
        }

        return false;
    }

    private async Task SubscribedAsync(SchedulerSession session, Event.Types.Subscribed subscribed, CancellationToken stopping)
    {
        // The ID is stored before anything acts on it, so a crash cannot lose the framework.
        await _store.SaveAsync(subscribed.FrameworkId, stopping).ConfigureAwait(false);
        Volatile.Write(ref _frameworkId, subscribed.FrameworkId);
        SchedulerLog.Subscribed(_logger, _connection.Leader, subscribed.FrameworkId.Value, session.HeartbeatInterval);
        if (_registered)
        {
            await InvokeAsync("reregistered", static (s, master, ct) => s.ReregisteredAsync(master, ct), subscribed.MasterInfo ?? new MasterInfo(), stopping).ConfigureAwait(false);
        }
        else
        {
            _registered = true;
            await InvokeAsync("registered", static (s, sub, ct) => s.RegisteredAsync(sub.FrameworkId, sub.MasterInfo ?? new MasterInfo(), ct), subscribed, stopping).ConfigureAwait(false);
        }

        _ = ReconcileExplicitlyAsync(session, stopping);
        if (_options.ImplicitReconciliationInterval > TimeSpan.Zero)
        {
            _ = ReconcileImplicitlyAsync(session, stopping);
        }
    }

    private async Task OffersAsync(IReadOnlyList<Offer> offers, CancellationToken stopping)
    {
        _offers.Add(offers);
        await InvokeAsync("resource offers", static (s, o, ct) => s.ResourceOffersAsync(o, ct), offers, stopping).ConfigureAwait(false);

        // No offer is hoarded: what the callback neither used nor declined goes back now.
        var unused = _offers.StillHeld(offers);
        if (_options.DeclineUnusedOffers && unused.Count > 0 && IsSubscribed)
        {
            _metrics.OffersDeclined.Add(unused.Count);
            SchedulerLog.DeclinedUnused(_logger, unused.Count);
            await BestEffortAsync(DeclineAsync(unused, new Filters { RefuseSeconds = _options.UnusedOfferRefuseSeconds }, stopping), "DECLINE").ConfigureAwait(false);
        }
    }

    private async Task UpdateAsync(TaskStatus status, CancellationToken stopping)
    {
        _tasks.Observe(status);
        _awaitingReconciliation.TryRemove(status.TaskId.Value, out _);
        var handled = await InvokeAsync("status update", static (s, st, ct) => s.StatusUpdateAsync(st, ct), status, stopping,
            status.HasUuid ? "the update stays unacknowledged, so Mesos will send it again" : "the update needs no acknowledgement").ConfigureAwait(false);

        // At least once: acknowledged only after the callback succeeded, and only if Mesos asked for it.
        if (handled && status.HasUuid && _options.ImplicitAcknowledgements)
        {
            await BestEffortAsync(AcknowledgeAsync(status, stopping), "ACKNOWLEDGE").ConfigureAwait(false);
        }
    }

    private Task<bool> FailureAsync(Event.Types.Failure failure, CancellationToken stopping)
        => failure.ExecutorId is not null
            ? InvokeAsync("executor lost", static (s, f, ct) => s.ExecutorLostAsync(f.ExecutorId, f.AgentId, f.HasStatus ? f.Status : null, ct), failure, stopping)
            : InvokeAsync("agent lost", static (s, agent, ct) => s.AgentLostAsync(agent, ct), failure.AgentId, stopping);

    // Explicit reconciliation of every task not known to be terminal, again and again with backoff until each is answered.
    private async Task ReconcileExplicitlyAsync(SchedulerSession session, CancellationToken stopping)
    {
        var delay = _options.ReconciliationInitialDelay;
        var pending = _tasks.NonTerminal();
        _awaitingReconciliation.Clear();
        foreach (var (task, _) in pending)
        {
            _awaitingReconciliation[task.Value] = true;
        }

        for (var round = 1; pending.Count > 0 && session.Live && !stopping.IsCancellationRequested; round++)
        {
            SchedulerLog.Reconciling(_logger, pending.Count, round);
            var reconcile = new Call.Types.Reconcile();
            reconcile.Tasks.AddRange(pending.Select(p => new Call.Types.Reconcile.Types.Task { TaskId = p.Task, AgentId = p.Agent }));
            await BestEffortAsync(SendAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile }, stopping), "RECONCILE").ConfigureAwait(false);
            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconciliationMaxDelay.Ticks));
            pending = pending.Where(p => _awaitingReconciliation.ContainsKey(p.Task.Value)).ToList();
        }
    }

    private async Task ReconcileImplicitlyAsync(SchedulerSession session, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.ImplicitReconciliationInterval, _time);
        try
        {
            while (session.Live && await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false) && session.Live)
            {
                await BestEffortAsync(ReconcileTasksAsync(null, stopping), "RECONCILE").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Calls the driver makes on its own behalf: a failure is logged, and Mesos's retries cover it.
    private async Task BestEffortAsync(Task call, string callType)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MesosCallException or MesosNotSubscribedException or HttpRequestException or IOException or OperationCanceledException or TimeoutException or Connection.MesosUnavailableException)
        {
            SchedulerLog.CallFailed(_logger, callType, ex.Message);
        }
    }
}
