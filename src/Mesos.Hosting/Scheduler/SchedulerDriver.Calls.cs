using Google.Protobuf;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>The calls of <see cref="ISchedulerDriver"/>: booked, then queued.</summary>
internal sealed partial class SchedulerDriver
{
    public Task AcceptAsync(IEnumerable<OfferID> offerIds, IEnumerable<Offer.Types.Operation> operations, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var call = SchedulerCalls.Accept(offerIds, operations, filters);
        Offers.Release(call.Accept.OfferIds);
        return LaunchAsync(call, cancellationToken);
    }

    public Task LaunchTasksAsync(IEnumerable<OfferID> offerIds, IEnumerable<TaskInfo> tasks, Filters? filters = null, CancellationToken cancellationToken = default)
        => AcceptAsync(offerIds, [SchedulerCalls.Launch(tasks)], filters, cancellationToken);

    public Task LaunchTaskGroupAsync(IEnumerable<OfferID> offerIds, ExecutorInfo executor, IEnumerable<TaskInfo> tasks, Filters? filters = null, CancellationToken cancellationToken = default)
        => AcceptAsync(offerIds, [SchedulerCalls.LaunchGroup(executor, tasks)], filters, cancellationToken);

    public Task DeclineAsync(IEnumerable<OfferID> offerIds, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var call = SchedulerCalls.Decline(offerIds, filters);
        Offers.Release(call.Decline.OfferIds);
        return SendAsync(call, cancellationToken);
    }

    public Task ReviveAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Revive(roles), cancellationToken);

    public Task SuppressAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Suppress(roles), cancellationToken);

    public Task KillTaskAsync(TaskID taskId, AgentID? agentId = null, KillPolicy? killPolicy = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Kill(taskId, agentId, killPolicy), cancellationToken);

    public Task ShutdownExecutorAsync(ExecutorID executorId, AgentID agentId, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Shutdown(executorId, agentId), cancellationToken);

    public Task AcknowledgeAsync(TaskStatus status, CancellationToken cancellationToken = default)
        => SendAsync(Acknowledgement(status), cancellationToken);

    /// <summary>
    /// Acknowledges an update without anyone waiting for the answer, as the driver's implicit acknowledgements do: a
    /// failure is logged (the update then stays unacknowledged, and Mesos sends it again).
    /// </summary>
    internal void AcknowledgeInBackground(TaskStatus status)
    {
        var call = Acknowledgement(status);
        if (!IsSubscribed)
        {
            AcknowledgementFailed(call, new MesosNotSubscribedException(MesosNames.Of(call.Type)));
            return;
        }

        Volatile.Read(ref _acknowledgements).Enqueue(call, _acknowledgementFailed);
    }

    public Task AcknowledgeOperationStatusAsync(OperationStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Uuid is null || !MesosUuid.IsValid(status.Uuid.Value.Span) || status.AgentId is null || status.OperationId is null)
        {
            throw new ArgumentException("Only an operation status with a valid uuid, an agent and an operation ID is acknowledged.", nameof(status));
        }

        return SendAsync(SchedulerCalls.AcknowledgeOperationStatus(status), cancellationToken);
    }

    public Task ReconcileTasksAsync(IEnumerable<Call.Types.Reconcile.Types.Task>? tasks = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Reconcile(tasks), cancellationToken);

    public Task ReconcileOperationsAsync(IEnumerable<Call.Types.ReconcileOperations.Types.Operation>? operations = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.ReconcileOperations(operations), cancellationToken);

    public Task SendFrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Message(executorId, agentId, data), cancellationToken);

    public Task RequestResourcesAsync(IEnumerable<Request> requests, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.Request(requests), cancellationToken);

    public Task AcceptInverseOffersAsync(IEnumerable<OfferID> inverseOfferIds, Filters? filters = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.AcceptInverseOffers(inverseOfferIds, filters), cancellationToken);

    public Task DeclineInverseOffersAsync(IEnumerable<OfferID> inverseOfferIds, Filters? filters = null, CancellationToken cancellationToken = default)
        => SendAsync(SchedulerCalls.DeclineInverseOffers(inverseOfferIds, filters), cancellationToken);

    public Task UpdateFrameworkAsync(FrameworkInfo frameworkInfo, IEnumerable<string>? suppressedRoles = null, OfferConstraints? offerConstraints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameworkInfo);
        var info = frameworkInfo.Clone();
        info.Id = FrameworkId ?? throw new MesosNotSubscribedException(MesosNames.Of(Call.Types.Type.UpdateFramework));
        return SendAsync(SchedulerCalls.UpdateFramework(info, suppressedRoles, offerConstraints), cancellationToken);
    }

    public async Task TeardownAsync(CancellationToken cancellationToken = default)
    {
        await SendAsync(SchedulerCalls.Teardown(), cancellationToken).ConfigureAwait(false);

        // The framework is gone: its ID is of no use to a later start, and the driver must not subscribe again.
        _status.TornDown = true;
        await _store.Value.ClearAsync(cancellationToken).ConfigureAwait(false);
    }

    private Call Acknowledgement(TaskStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!status.HasUuid || !MesosUuid.IsValid(status.Uuid.Span) || status.AgentId is null)
        {
            throw new ArgumentException($"The update of task {status.TaskId?.Value} has no valid uuid (or no agent): Mesos asks for no acknowledgement of it and would refuse one.", nameof(status));
        }

        _metrics.Acknowledgements.Add(1);
        return SchedulerCalls.Acknowledge(status);
    }

    private void AcknowledgementFailed(Call call, Exception ex) => SchedulerLog.CallFailed(_logger, MesosNames.Of(call.Type), ex.Message);

    // Tasks are tracked from the moment the ACCEPT may reach the master, reconciled once it was sent (or its fate
    // is unknown), and forgotten again when it certainly did not reach it (not sent, or refused with a 4xx).
    private async Task LaunchAsync(Call accept, CancellationToken cancellationToken)
    {
        var tasks = SchedulerCalls.LaunchedTasks(accept.Accept);
        Tasks.Launching(tasks);
        try
        {
            await SendAsync(accept, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MesosNotSubscribedException or MesosCallException)
        {
            Tasks.Forget(tasks);
            throw;
        }
        catch (MesosUnavailableException)
        {
            // The answer was lost, so the master may still hold the offers: declining them gives their resources
            // back (a DECLINE of offers the ACCEPT did use is ignored), and asking about the tasks tells whether
            // they launched.
            _ = ReturnOffersAsync(accept.Accept.OfferIds);
            Tasks.Uncertain(tasks);
            throw;
        }
        finally
        {
            Tasks.Launched(tasks);
        }
    }

    private async Task ReturnOffersAsync(IEnumerable<OfferID> offerIds)
    {
        try
        {
            await SendAsync(SchedulerCalls.Decline(offerIds, new Filters { RefuseSeconds = 0 }), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (PeerFailure.Is(ex) || ex is MesosNotSubscribedException)
        {
            // Best effort: when it fails too, the session is likely ending, and a new one voids the offers anyway.
        }
    }
}
