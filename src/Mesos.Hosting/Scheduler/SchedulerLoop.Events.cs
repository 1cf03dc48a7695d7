using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>Event delivery: one at a time, in order, then the automatic acknowledgements and declines.</summary>
internal sealed partial class SchedulerLoop
{
    /// <summary>Delivers the session's events until it ends; the unrecoverable error that ended it, if one did.</summary>
    private async Task<string?> DispatchAsync(SchedulerSession session, InOrderEventBatches events, CancellationTokenSource ending, CancellationToken stopping)
    {
        var first = true;
        try
        {
            // Callbacks see the host's stopping token: a lost stream does not cut a callback short.
            while (await events.WaitToReadAsync(ending.Token).ConfigureAwait(false))
            {
                while (events.TryRead(out var batch))
                {
                    try
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            if (!session.Live)
                            {
                                return null;
                            }

                            // Let go of the event as it is handed over: a collection meanwhile need not copy the
                            // batch's delivered events with those still waiting.
                            var evt = batch.Events[i];
                            batch.Events[i] = null!;
                            if (await HandleAsync(session, evt, batch.ReadAt, first, stopping).ConfigureAwait(false) is { } failure)
                            {
                                await ending.CancelAsync().ConfigureAwait(false);
                                return failure;
                            }

                            first = false;
                        }
                    }
                    finally
                    {
                        batch.Return();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // Not a callback (those are caught where they are called): the driver cannot go on delivering.
            SchedulerLog.Crashed(_logger, ex);
            await ending.CancelAsync().ConfigureAwait(false);
            return $"Delivering events failed: {ex.GetType().Name}: {ex.Message}";
        }

        return null;
    }

    /// <summary>Delivers one event; the unrecoverable error it brought (an ERROR event), or null.</summary>
    private async Task<string?> HandleAsync(SchedulerSession session, Event evt, long readAt, bool first, CancellationToken stopping)
    {
        var typeName = MesosNames.Of(evt.Type);
        SchedulerLog.EventReceived(_logger, typeName);
        _metrics.Events.Add(1, new KeyValuePair<string, object?>(MesosTracing.EventType, typeName));
        if (_metrics.TimesDispatch)
        {
            _metrics.EventDispatched(typeName, _time.GetElapsedTime(readAt));
        }

        var problem = SchedulerEventCheck.Problem(evt) ?? (evt.Type == Event.Types.Type.Subscribed && !first ? "a second SUBSCRIBED on one stream" : null);
        if (problem is not null)
        {
            _metrics.InvalidEvents.Add(1, new KeyValuePair<string, object?>(MesosTracing.EventType, typeName));
            SchedulerLog.InvalidEvent(_logger, typeName, problem);
            return null;
        }

        using var activity = SchedulerEventTracing.Start(evt, typeName, _status.FrameworkId);
        switch (evt.Type)
        {
            case Event.Types.Type.Subscribed:
                await SubscribedAsync(session, evt.Subscribed, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Offers:
                await OffersAsync(evt.Offers.Offers_, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Rescind:
                _driver.Offers.Release([evt.Rescind.OfferId]);
                await InvokeAsync("offer rescinded", static (s, id, ct) => s.OfferRescindedAsync(id, ct), evt.Rescind.OfferId, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Update:
                await UpdateAsync(evt.Update.Status, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.UpdateOperationStatus:
                await OperationStatusAsync(evt.UpdateOperationStatus.Status, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Message:
                await InvokeAsync("framework message", static (s, m, ct) => s.FrameworkMessageAsync(m.ExecutorId, m.AgentId, m.Data, ct), evt.Message, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Failure:
                await FailureAsync(evt.Failure, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.InverseOffers:
                await InvokeAsync("inverse offers", static (s, i, ct) => s.InverseOffersAsync(i.InverseOffers_, ct), evt.InverseOffers, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.RescindInverseOffer:
                await InvokeAsync("inverse offer rescinded", static (s, id, ct) => s.InverseOfferRescindedAsync(id, ct), evt.RescindInverseOffer.InverseOfferId, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Error:
                return PeerText.From(evt.Error?.Message ?? "ERROR event without a message");
            case Event.Types.Type.Heartbeat:
                _status.Set(SchedulerState.Subscribed, session: session);
                break;
            default:
                SchedulerLog.UnknownEvent(_logger, (int)evt.Type);
                break;
        }

        return null;
    }

    private async Task SubscribedAsync(SchedulerSession session, Event.Types.Subscribed subscribed, CancellationToken stopping)
    {
        // The ID is stored before anything acts on it, so a crash cannot lose the framework.
        await _store.SaveAsync(subscribed.FrameworkId, stopping).ConfigureAwait(false);
        _status.FrameworkId = subscribed.FrameworkId;
        SchedulerLog.Subscribed(_logger, _connection.Leader, subscribed.FrameworkId.Value, HumanDuration.Format(session.HeartbeatInterval));
        if (_registered)
        {
            await InvokeAsync("reregistered", static (s, master, ct) => s.ReregisteredAsync(master, ct), subscribed.MasterInfo ?? new MasterInfo(), stopping).ConfigureAwait(false);
        }
        else
        {
            _registered = true;
            await InvokeAsync("registered", static (s, sub, ct) => s.RegisteredAsync(sub.FrameworkId, sub.MasterInfo ?? new MasterInfo(), ct), subscribed, stopping).ConfigureAwait(false);
        }

        _reconciliation.Start(session);
    }

    private async Task OffersAsync(Google.Protobuf.Collections.RepeatedField<Offer> offers, CancellationToken stopping)
    {
        var usable = new List<Offer>(offers.Count);
        List<OfferID>? broken = null;
        foreach (var offer in offers)
        {
            if (SchedulerEventCheck.OfferProblem(offer) is { } problem)
            {
                SchedulerLog.InvalidOffer(_logger, problem);
                (broken ??= []).Add(offer.Id);
            }
            else
            {
                usable.Add(offer);
            }
        }

        if (broken is not null)
        {
            await CallSafely.BestEffortAsync(_driver.DeclineAsync(broken, cancellationToken: stopping), "DECLINE", _logger).ConfigureAwait(false);
        }

        if (usable.Count == 0)
        {
            return;
        }

        _driver.Offers.Add(usable);
        await InvokeAsync("resource offers", static (s, o, ct) => s.ResourceOffersAsync(o, ct), usable, stopping).ConfigureAwait(false);

        // No offer is hoarded: what the callback neither used nor declined goes back now. A framework that returns its
        // offers itself does not pay for the lookup of each one.
        if (!_options.DeclineUnusedOffers)
        {
            return;
        }

        var unused = _driver.Offers.StillHeld(usable);
        if (unused.Count > 0 && _driver.IsSubscribed)
        {
            _metrics.OffersDeclined.Add(unused.Count);
            SchedulerLog.DeclinedUnused(_logger, unused.Count);
            await CallSafely.BestEffortAsync(_driver.DeclineAsync(unused, new Filters { RefuseSeconds = _options.UnusedOfferRefuseSeconds }, stopping), "DECLINE", _logger).ConfigureAwait(false);
        }
    }

    private async Task UpdateAsync(TaskStatus status, CancellationToken stopping)
    {
        // Acknowledgements travel on their own lane, so one may reach the master before a RECONCILE made earlier.
        if (_driver.Tasks.IsStaleReconciliation(status))
        {
            SchedulerLog.StaleReconciliation(_logger, status.TaskId.Value, status.State);
            return;
        }

        _driver.Tasks.Observe(status);
        _driver.Unacknowledged.Received(status);
        _reconciliation.Answered(status.TaskId);
        var handled = await InvokeAsync("status update", static (s, st, ct) => s.StatusUpdateAsync(st, ct), status, stopping,
            status.HasUuid ? "the update stays unacknowledged, so Mesos will send it again" : "the update needs no acknowledgement").ConfigureAwait(false);

        // At least once: acknowledged only after the callback succeeded, and only if Mesos asked for it. The next event
        // does not wait for the master's answer: a lost acknowledgement only means the update comes again.
        if (handled && status.HasUuid && _options.ImplicitAcknowledgements)
        {
            _driver.AcknowledgeInBackground(status);
        }
    }

    private async Task OperationStatusAsync(OperationStatus operation, CancellationToken stopping)
    {
        var handled = await InvokeAsync("operation status", static (s, o, ct) => s.OperationStatusAsync(o, ct), operation, stopping, "the update stays unacknowledged").ConfigureAwait(false);
        if (handled && operation.Uuid is not null && _options.ImplicitAcknowledgements)
        {
            await CallSafely.BestEffortAsync(_driver.AcknowledgeOperationStatusAsync(operation, stopping), "ACKNOWLEDGE_OPERATION_STATUS", _logger).ConfigureAwait(false);
        }
    }

    private Task<bool> FailureAsync(Event.Types.Failure failure, CancellationToken stopping)
        => failure.ExecutorId is not null
            ? InvokeAsync("executor lost", static (s, f, ct) => s.ExecutorLostAsync(f.ExecutorId, f.AgentId, f.HasStatus ? f.Status : null, ct), failure, stopping)
            : InvokeAsync("agent lost", static (s, agent, ct) => s.AgentLostAsync(agent, ct), failure.AgentId, stopping);
}
